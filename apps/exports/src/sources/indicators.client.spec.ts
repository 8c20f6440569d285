import { OfficialTokens } from '@dtp/platform';
import { IndicatorsClient } from './indicators.client';

const SECRET = 'exports-test-secret-long-enough-for-hs256';

describe('IndicatorsClient', () => {
  const fetched: Array<{ url: string; headers: Record<string, string> }> = [];
  const realFetch = global.fetch;

  beforeEach(() => {
    fetched.length = 0;
    global.fetch = (async (url: URL, init: { headers: Record<string, string> }) => {
      fetched.push({ url: String(url), headers: init.headers });
      return new Response(JSON.stringify({ provinceCode: '20' }), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
  });

  afterEach(() => {
    global.fetch = realFetch;
  });

  it('reads reporting rates as a reviewer of the export’s province only, with a token of its own', async () => {
    const client = new IndicatorsClient({ INDICATORS_URL: 'http://indicators.test', JWT_SECRET: SECRET });
    await client.reportingRates('20', 'CDS-Q', '2024Q4');
    const [call] = fetched;
    expect(call?.url).toBe('http://indicators.test/api/v1/reporting-rates/20/CDS-Q/2024Q4');
    const token = /^Bearer (\S+)$/.exec(call?.headers['authorization'] ?? '')?.[1];
    expect(await new OfficialTokens(SECRET, 60).verify(token ?? '')).toEqual({ kind: 'official', username: 'service:exports', roles: ['reviewer'], provinceCode: '20' });
  });

  it('reads the published figures without credentials', async () => {
    const client = new IndicatorsClient({ INDICATORS_URL: 'http://indicators.test', JWT_SECRET: SECRET });
    await client.units();
    expect(fetched[0]?.headers).not.toHaveProperty('authorization');
  });
});
