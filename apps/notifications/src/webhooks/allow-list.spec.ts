import { allowsAddress, allowsHost, parseAllowList } from './allow-list';

describe('WEBHOOK_ALLOWED_HOSTS', () => {
  const list = parseAllowList(' hooks.Intranet.langson.gov.vn , 10.20.0.0/16,127.0.0.1, fd00:1::/32 ,');

  it('matches host names exactly, in any case and with or without the final dot', () => {
    expect(allowsHost(list, 'HOOKS.intranet.langson.gov.vn.')).toBe(true);
    expect(allowsHost(list, 'evil.hooks.intranet.langson.gov.vn')).toBe(false);
    expect(allowsHost(list, 'intranet.langson.gov.vn')).toBe(false);
  });

  it('matches addresses inside the networks and single addresses named', () => {
    expect(allowsAddress(list, '10.20.255.1')).toBe(true);
    expect(allowsAddress(list, '10.21.0.1')).toBe(false);
    expect(allowsAddress(list, '127.0.0.1')).toBe(true);
    expect(allowsAddress(list, '127.0.0.2')).toBe(false);
    expect(allowsAddress(list, 'fd00:1:ffff::9')).toBe(true);
    expect(allowsAddress(list, 'fd00:2::9')).toBe(false);
  });

  it('is empty when unset', () => {
    expect(parseAllowList('')).toEqual({ hosts: [], networks: [] });
  });

  it('names the entries that are neither host names, addresses nor networks', () => {
    expect(() => parseAllowList('ok.example, http://x.example/, 10.0.0.0/40, under_score.example')).toThrow('not a host name, an IP address or a CIDR network: http://x.example/, 10.0.0.0/40, under_score.example');
  });
});
