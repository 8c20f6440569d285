import { addressBytes, inNetwork, Network, parseNetwork } from './ip-ranges';

/**
 * Internal destinations a deployment trusts (WEBHOOK_ALLOWED_HOSTS): host names matched exactly,
 * and addresses or networks (CIDR) matched against where a URL's host resolves.
 */
export interface AllowList {
  hosts: string[];
  networks: Network[];
}

export const EMPTY_ALLOW_LIST: AllowList = { hosts: [], networks: [] };

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** How a URL's host is compared: lower case, without IPv6 brackets or a final dot. */
export function normalHost(hostname: string): string {
  return hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** A comma list of host names, IP addresses and CIDR networks; throws naming the entries that are none. */
export function parseAllowList(text: string): AllowList {
  const entries = text.split(',').map((e) => e.trim()).filter(Boolean);
  const list: AllowList = { hosts: [], networks: [] };
  const wrong: string[] = [];
  for (const entry of entries) {
    const network = parseNetwork(entry);
    if (network) list.networks.push(network);
    else if (HOST_NAME.test(normalHost(entry))) list.hosts.push(normalHost(entry));
    else wrong.push(entry);
  }
  if (wrong.length > 0) throw new Error(`not a host name, an IP address or a CIDR network: ${wrong.join(', ')}`);
  return list;
}

export function allowsHost(list: AllowList, hostname: string): boolean {
  return list.hosts.includes(normalHost(hostname));
}

export function allowsAddress(list: AllowList, address: string): boolean {
  const bytes = addressBytes(address);
  return !!bytes && list.networks.some((n) => inNetwork(bytes, n));
}
