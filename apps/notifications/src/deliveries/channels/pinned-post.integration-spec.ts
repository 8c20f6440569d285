import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { postPinned } from './pinned-post';

/** A local server that answers with `status` (and a Location to follow, for a redirect). */
async function serve(status: number): Promise<{ server: Server; port: number; calls: IncomingMessage[] }> {
  const calls: IncomingMessage[] = [];
  const server = createServer((req, res) => {
    calls.push(req);
    req.resume();
    req.on('end', () => res.writeHead(status, status >= 300 && status < 400 ? { location: '/elsewhere' } : {}).end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, calls };
}

describe('postPinned', () => {
  it('connects to the checked address, not to whatever the name resolves to now', async () => {
    const { server, port, calls } = await serve(204);
    try {
      // The name resolves nowhere: only the pinned address can have been used.
      const url = new URL(`http://hooks.unit-system.invalid:${port}/dtp`);
      const status = await postPinned({ url, address: '127.0.0.1', family: 4 }, { 'content-type': 'application/json' }, '{"a":"Tràng Định"}', 2000);
      expect(status).toBe(204);
      expect(calls).toHaveLength(1);
      expect(calls[0]?.headers.host).toBe(`hooks.unit-system.invalid:${port}`);
      expect(calls[0]?.headers['content-length']).toBe(String(Buffer.byteLength('{"a":"Tràng Định"}')));
    } finally {
      server.close();
    }
  });

  it('answers a redirect with its status and does not follow it', async () => {
    const { server, port, calls } = await serve(302);
    try {
      expect(await postPinned({ url: new URL(`http://127.0.0.1:${port}/dtp`), address: '127.0.0.1', family: 4 }, {}, '{}', 2000)).toBe(302);
      expect(calls.map((c) => c.url)).toEqual(['/dtp']);
    } finally {
      server.close();
    }
  });

  it('gives up after the timeout with the reason', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      await expect(postPinned({ url: new URL(`http://127.0.0.1:${port}/`), address: '127.0.0.1', family: 4 }, {}, '{}', 300)).rejects.toThrow('no answer within 300 ms');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
