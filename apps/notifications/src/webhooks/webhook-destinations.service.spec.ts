import fc from 'fast-check';
import { parseAllowList } from './allow-list';
import { HostResolver, ResolvedAddress } from './host-resolver';
import { DestinationRefused, WebhookDestinations } from './webhook-destinations.service';

/** A DNS of our own: names to addresses, so no test depends on the network. */
function destinations(dns: Record<string, string[]>, allowed = ''): WebhookDestinations {
  const resolve: HostResolver = async (host) => {
    const found = dns[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address): ResolvedAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return new WebhookDestinations({ WEBHOOK_ALLOWED_HOSTS: parseAllowList(allowed) }, resolve);
}

const refusal = async (check: Promise<unknown>) => {
  const error = await check.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DestinationRefused);
  return error as DestinationRefused;
};

describe('WebhookDestinations', () => {
  const dns = {
    'egov.langson.gov.vn': ['203.162.4.191'],
    'rebound.example.vn': ['10.0.0.7'],
    'mixed.example.vn': ['203.162.4.191', '127.0.0.1'],
    'v6.example.vn': ['2404:6800:4005:80f::200e'],
    'metadata.example.vn': ['169.254.169.254'],
    'hooks.intranet.langson.gov.vn': ['10.20.1.5'],
  };

  it('passes a public name and gives the address it checked, to connect there', async () => {
    const checked = await destinations(dns).check('https://egov.langson.gov.vn/hooks/dtp');
    expect(checked).toMatchObject({ address: '203.162.4.191', family: 4 });
    expect(checked.url.href).toBe('https://egov.langson.gov.vn/hooks/dtp');
    expect(await destinations(dns).check('http://v6.example.vn/')).toMatchObject({ address: '2404:6800:4005:80f::200e', family: 6 });
  });

  it('passes a public IP literal without asking the DNS', async () => {
    expect(await destinations({}).check('http://[2404:6800:4005:80f::200e]:8080/x')).toMatchObject({ address: '2404:6800:4005:80f::200e', family: 6 });
    expect(await destinations({}).check('http://203.162.4.191/x')).toMatchObject({ address: '203.162.4.191', family: 4 });
  });

  it('refuses a name resolving to a private address, naming the name, the address and the range', async () => {
    const error = await refusal(destinations(dns).check('https://rebound.example.vn/hooks'));
    expect(error.status).toBe(422);
    expect(error.en).toBe('rebound.example.vn resolves to 10.0.0.7, a private network (10.0.0.0/8): webhooks go to public addresses only, unless WEBHOOK_ALLOWED_HOSTS names the destination');
    expect(error.vi).toBe('tên miền rebound.example.vn trỏ tới 10.0.0.7, một mạng riêng (10.0.0.0/8): chỉ gửi tới địa chỉ công khai, trừ khi đích đến được cho phép trong WEBHOOK_ALLOWED_HOSTS');
  });

  it('refuses a name when any one of its addresses is not public', async () => {
    expect((await refusal(destinations(dns).check('http://mixed.example.vn/'))).en).toContain('resolves to 127.0.0.1, the server itself (loopback)');
    expect((await refusal(destinations(dns).check('http://metadata.example.vn/'))).en).toContain('169.254.169.254, a link-local address');
  });

  it('reads a decimal, hex or octal IPv4 literal as the HTTP client does: 127.0.0.1 in every spelling', async () => {
    for (const url of ['http://2130706433/', 'http://0x7f000001/', 'http://0x7f.1/', 'http://0177.0.0.01/', 'http://127.1/', 'http://[::ffff:127.0.0.1]/']) {
      expect((await refusal(destinations({}).check(url))).en).toMatch(/^points at (127\.0\.0\.1|::ffff:7f00:1), the server itself/);
    }
  });

  it('refuses every 10.x address whatever its spelling in the URL', async () => {
    const check = destinations({});
    await fc.assert(
      fc.asyncProperty(fc.nat(0xffffff), async (low) => {
        const n = 0x0a000000 + low;
        for (const url of [`http://${n}/`, `http://0x${n.toString(16)}/`, `http://0${n.toString(8)}/`]) {
          expect((await refusal(check.check(url))).en).toContain('a private network (10.0.0.0/8)');
        }
      }),
      { numRuns: 50 },
    );
  });

  it('lets a private destination through when the allow-list names its host or its network', async () => {
    expect(await destinations(dns, 'hooks.intranet.langson.gov.vn').check('http://hooks.intranet.langson.gov.vn/dtp')).toMatchObject({ address: '10.20.1.5' });
    expect(await destinations(dns, '10.20.0.0/16').check('http://hooks.intranet.langson.gov.vn/dtp')).toMatchObject({ address: '10.20.1.5' });
    expect(await destinations({}, '127.0.0.1').check('http://127.0.0.1:4567/hooks')).toMatchObject({ address: '127.0.0.1' });
    // Another name resolving to the same network is not named, and the network is someone else's.
    await refusal(destinations(dns, 'hooks.intranet.langson.gov.vn').check('http://rebound.example.vn/'));
    await refusal(destinations(dns, '10.20.0.0/16').check('http://rebound.example.vn/'));
  });

  it('refuses a name that does not resolve (422), and a malformed URL, another scheme or credentials (400)', async () => {
    const unresolved = await refusal(destinations(dns).check('https://nowhere.example.vn/'));
    expect([unresolved.status, unresolved.en]).toEqual([422, 'nowhere.example.vn does not resolve (ENOTFOUND)']);
    expect((await refusal(destinations(dns).check('hooks'))).status).toBe(400);
    expect((await refusal(destinations(dns).check('file:///etc/passwd'))).en).toBe('must be an http:// or https:// URL, not file:');
    expect((await refusal(destinations(dns).check('gopher://egov.langson.gov.vn/'))).status).toBe(400);
    expect((await refusal(destinations(dns).check('https://u:p@egov.langson.gov.vn/'))).status).toBe(400);
  });
});
