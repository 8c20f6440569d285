import { isIP } from 'node:net';

/** An IPv4 (4 bytes) or IPv6 (16 bytes) network: `bytes` masked to `prefix` bits when compared. */
export interface Network {
  bytes: number[];
  prefix: number;
}

export type NonPublicKind = 'loopback' | 'private' | 'link-local' | 'shared' | 'unspecified' | 'multicast' | 'reserved';

export interface NonPublic {
  kind: NonPublicKind;
  /** The range it fell in, as written in the table below, e.g. `127.0.0.0/8`. */
  range: string;
}

/** How people read each kind, for refusals and delivery logs. */
export const NON_PUBLIC_LABELS: Record<NonPublicKind, { en: string; vi: string }> = {
  loopback: { en: 'the server itself (loopback)', vi: 'chính máy chủ của hệ thống' },
  private: { en: 'a private network', vi: 'một mạng riêng' },
  'link-local': { en: 'a link-local address (cloud metadata services live there)', vi: 'địa chỉ liên kết cục bộ (nơi có dịch vụ siêu dữ liệu của máy chủ đám mây)' },
  shared: { en: 'the carriers’ shared range (CGNAT)', vi: 'dải địa chỉ dùng chung của nhà mạng' },
  unspecified: { en: 'the unspecified address', vi: 'địa chỉ không xác định' },
  multicast: { en: 'a multicast range', vi: 'dải địa chỉ phát nhóm' },
  reserved: { en: 'a reserved or documentation range', vi: 'dải địa chỉ dành riêng' },
};

/**
 * Where a webhook must not go: everything that is not a public unicast address. Ranges that embed
 * an IPv4 address (mapped, NAT64, 6to4) are judged by that address instead, below.
 */
const NON_PUBLIC: Array<[string, NonPublicKind]> = [
  ['0.0.0.0/8', 'unspecified'],
  ['10.0.0.0/8', 'private'],
  ['100.64.0.0/10', 'shared'],
  ['127.0.0.0/8', 'loopback'],
  ['169.254.0.0/16', 'link-local'],
  ['172.16.0.0/12', 'private'],
  ['192.0.0.0/24', 'reserved'],
  ['192.0.2.0/24', 'reserved'],
  ['192.88.99.0/24', 'reserved'],
  ['192.168.0.0/16', 'private'],
  ['198.18.0.0/15', 'reserved'],
  ['198.51.100.0/24', 'reserved'],
  ['203.0.113.0/24', 'reserved'],
  ['224.0.0.0/4', 'multicast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  // IPv4-compatible addresses (deprecated): nothing public is reached that way.
  ['::/96', 'reserved'],
  ['64:ff9b:1::/48', 'private'],
  ['100::/64', 'reserved'],
  ['2001::/32', 'reserved'],
  ['2001:db8::/32', 'reserved'],
  ['fc00::/7', 'private'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private'],
  ['ff00::/8', 'multicast'],
];

const NON_PUBLIC_NETWORKS = NON_PUBLIC.map(([cidr, kind]) => ({ cidr, kind, network: parseNetwork(cidr) as Network }));

/** IPv6 ranges whose last (or, for 6to4, second to fifth) bytes are an IPv4 address to judge. */
const EMBEDDING: Array<{ network: Network; at: number }> = [
  { network: parseNetwork('::ffff:0:0/96') as Network, at: 12 },
  { network: parseNetwork('64:ff9b::/96') as Network, at: 12 },
  { network: parseNetwork('2002::/16') as Network, at: 2 },
];

/** The bytes of an IP address in its usual text (what URLs and DNS give), or undefined if it is none. */
export function addressBytes(text: string): number[] | undefined {
  const address = text.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(address);
  if (version === 4) return address.split('.').map(Number);
  if (version === 6) return ipv6Bytes(address.split('%')[0] as string);
  return undefined;
}

function ipv6Bytes(address: string): number[] {
  let text = address;
  let tail: number[] = [];
  const last = text.slice(text.lastIndexOf(':') + 1);
  if (last.includes('.')) {
    tail = last.split('.').map(Number);
    text = `${text.slice(0, text.lastIndexOf(':') + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const before = head ? head.split(':') : [];
  const after = rest === undefined ? [] : rest ? rest.split(':') : [];
  const groups = rest === undefined ? before : [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
  const bytes = groups.flatMap((g) => {
    const n = parseInt(g, 16);
    return [n >> 8, n & 0xff];
  });
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

/** `10.0.0.0/8`, `fd00::/8`, or a single address (all its bits); undefined when malformed. */
export function parseNetwork(text: string): Network | undefined {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const bytes = addressBytes(address);
  if (!bytes) return undefined;
  const bits = bytes.length * 8;
  if (prefixText === undefined) return { bytes, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { bytes, prefix: Number(prefixText) };
}

export function inNetwork(bytes: number[], network: Network): boolean {
  if (bytes.length !== network.bytes.length) return false;
  for (let bit = 0; bit < network.prefix; bit += 8) {
    const width = Math.min(8, network.prefix - bit);
    const mask = (0xff << (8 - width)) & 0xff;
    const i = bit / 8;
    if (((bytes[i] as number) & mask) !== ((network.bytes[i] as number) & mask)) return false;
  }
  return true;
}

/** Why an address is not a public unicast one, or undefined when it is. */
export function nonPublic(address: string | number[]): NonPublic | undefined {
  const bytes = typeof address === 'string' ? addressBytes(address) : address;
  if (!bytes) throw new Error(`${String(address)} is not an IP address`);
  for (const { network, at } of EMBEDDING) {
    if (inNetwork(bytes, network)) return nonPublic(bytes.slice(at, at + 4));
  }
  const hit = NON_PUBLIC_NETWORKS.find(({ network }) => inNetwork(bytes, network));
  return hit && { kind: hit.kind, range: hit.cidr };
}
