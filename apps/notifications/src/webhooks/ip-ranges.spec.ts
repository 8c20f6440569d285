import fc from 'fast-check';
import { addressBytes, inNetwork, nonPublic, parseNetwork } from './ip-ranges';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
const dotted = (b: number[]) => b.join('.');
const hex = (b: number[], i: number) => (((b[i] as number) << 8) | (b[i + 1] as number)).toString(16);

describe('nonPublic', () => {
  it.each([
    ['127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['127.255.3.4', 'loopback', '127.0.0.0/8'],
    ['::1', 'loopback', '::1/128'],
    ['10.0.0.1', 'private', '10.0.0.0/8'],
    ['172.31.255.255', 'private', '172.16.0.0/12'],
    ['192.168.0.1', 'private', '192.168.0.0/16'],
    ['fd00::1', 'private', 'fc00::/7'],
    ['fc00::', 'private', 'fc00::/7'],
    ['169.254.169.254', 'link-local', '169.254.0.0/16'],
    ['fe80::1%eth0', 'link-local', 'fe80::/10'],
    ['100.64.0.0', 'shared', '100.64.0.0/10'],
    ['100.127.255.255', 'shared', '100.64.0.0/10'],
    ['0.0.0.0', 'unspecified', '0.0.0.0/8'],
    ['::', 'unspecified', '::/128'],
    ['224.0.0.1', 'multicast', '224.0.0.0/4'],
    ['ff02::1', 'multicast', 'ff00::/8'],
    ['255.255.255.255', 'reserved', '240.0.0.0/4'],
    ['192.0.2.10', 'reserved', '192.0.2.0/24'],
    ['2001:db8::1', 'reserved', '2001:db8::/32'],
    ['::7f00:1', 'reserved', '::/96'],
    // Embedded IPv4 addresses are judged as the IPv4 address.
    ['::ffff:127.0.0.1', 'loopback', '127.0.0.0/8'],
    ['::ffff:a9fe:a9fe', 'link-local', '169.254.0.0/16'],
    ['64:ff9b::10.0.0.1', 'private', '10.0.0.0/8'],
    ['2002:c0a8:0101::1', 'private', '192.168.0.0/16'],
  ])('%s is %s (%s)', (address, kind, range) => {
    expect(nonPublic(address)).toEqual({ kind, range });
  });

  it.each(['8.8.8.8', '1.1.1.1', '203.162.4.191', '14.225.0.1', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2001:4860:4860::8888', '2404:6800:4005:80f::200e', '::ffff:8.8.8.8', '64:ff9b::808:808'])('%s is public', (address) => {
    expect(nonPublic(address)).toBeUndefined();
  });

  it('judges an IPv4 address and its mapped, NAT64 and 6to4 IPv6 forms alike', () => {
    fc.assert(
      fc.property(ipv4, (b) => {
        const v4 = nonPublic(dotted(b));
        expect(nonPublic(`::ffff:${dotted(b)}`)).toEqual(v4);
        expect(nonPublic(`::ffff:${hex(b, 0)}:${hex(b, 2)}`)).toEqual(v4);
        expect(nonPublic(`64:ff9b::${hex(b, 0)}:${hex(b, 2)}`)).toEqual(v4);
        expect(nonPublic(`2002:${hex(b, 0)}:${hex(b, 2)}::1`)).toEqual(v4);
      }),
    );
  });

  it('refuses every address of the private, loopback, link-local and shared IPv4 ranges', () => {
    // Random bytes with the network's prefix bits forced: an arbitrary address inside it.
    const within = (cidr: string, b: number[]) => {
      const network = parseNetwork(cidr)!;
      return b.map((byte, i) => {
        const mask = (0xff << (8 - Math.max(0, Math.min(8, network.prefix - i * 8)))) & 0xff;
        return ((network.bytes[i] as number) & mask) | (byte & ~mask & 0xff);
      });
    };
    for (const [cidr, kind] of [['10.0.0.0/8', 'private'], ['172.16.0.0/12', 'private'], ['192.168.0.0/16', 'private'], ['127.0.0.0/8', 'loopback'], ['169.254.0.0/16', 'link-local'], ['100.64.0.0/10', 'shared']] as const) {
      fc.assert(fc.property(ipv4, (b) => expect(nonPublic(dotted(within(cidr, b)))?.kind).toBe(kind)));
    }
  });

  it('throws for what is not an IP address', () => {
    expect(() => nonPublic('localhost')).toThrow('localhost is not an IP address');
  });
});

describe('addressBytes and networks', () => {
  it('reads IPv6 in every spelling to the same bytes', () => {
    expect(addressBytes('::1')).toEqual([...Array(15).fill(0), 1]);
    expect(addressBytes('[::ffff:127.0.0.1]')).toEqual(addressBytes('::ffff:7f00:1'));
    expect(addressBytes('2001:db8:0:0:0:0:0:1')).toEqual(addressBytes('2001:db8::1'));
    expect(addressBytes('example.org')).toBeUndefined();
    expect(addressBytes('2130706433')).toBeUndefined();
  });

  it('puts every address in each of its own networks, whatever the prefix', () => {
    fc.assert(fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (b, prefix) => expect(inNetwork(b, parseNetwork(`${dotted(b)}/${prefix}`)!)).toBe(true)));
  });

  it('keeps an IPv4 network and an IPv6 address apart', () => {
    expect(inNetwork(addressBytes('::1')!, parseNetwork('0.0.0.0/0')!)).toBe(false);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/8/8', 'fd00::/129', '10.0.0/8', 'intranet/8', '10.0.0.0/-1'])('refuses the network %s', (text) => {
    expect(parseNetwork(text)).toBeUndefined();
  });
});
