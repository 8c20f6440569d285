import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { UnitsDirectory } from './units-directory';

/** The indicators service's edge as the directory sees it: GET /api/v1/units with an ETag. */
function unitsServer() {
  const state = { units: [{ id: 'P1', name: 'Tỉnh', level: 'province', parents: [], successors: [] }] as object[], version: 1, asked: [] as Array<string | undefined> };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    state.asked.push(request.headers['if-none-match']);
    const etag = `W/"v${state.version}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    response.writeHead(200, { etag, 'content-type': 'application/json' }).end(JSON.stringify(state.units));
  });
  return { state, server };
}

describe('UnitsDirectory (every replica keeps the units current)', () => {
  const { state, server } = unitsServer();
  let url: string;
  let directory: UnitsDirectory;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    directory?.onApplicationShutdown();
    await new Promise((resolve) => server.close(resolve));
  });

  it('asks every few seconds with the ETag it holds, keeps its units on 304, and takes a change without any event', async () => {
    directory = new UnitsDirectory({ indicatorsUrl: url, refreshEveryMs: 50 });
    await directory.onApplicationBootstrap();
    expect(directory.current().has('P1')).toBe(true);
    expect(state.asked[0]).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 160));
    // Unchanged: conditional reads answered 304, units kept.
    expect(state.asked.slice(1).every((tag) => tag === 'W/"v1"')).toBe(true);
    expect(state.asked.length).toBeGreaterThan(1);
    expect(directory.current().has('P1')).toBe(true);
    // Another replica of indicators took an import: a new commune under P1.
    state.units = [...state.units, { id: 'C9', name: 'Xã mới', level: 'commune', parents: [{ parentId: 'P1' }], successors: [] }];
    state.version = 2;
    await new Promise((resolve) => setTimeout(resolve, 160));
    expect(directory.current().has('C9') && directory.current().get('C9').name).toBe('Xã mới');
  });
});
