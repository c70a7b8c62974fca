import { BlockList, isIP } from 'node:net';

/**
 * IP allow-lists of API keys: single addresses and CIDR ranges, IPv4 and
 * IPv6. IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) count as IPv4.
 */
export function normalizeIp(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

/** Null when the entry is a valid address or CIDR range, else the reason. */
export function allowListEntryProblem(entry: string): string | null {
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !address) return 'is not an address or CIDR range';
  const family = isIP(address);
  if (family === 0) return 'is not an IPv4 or IPv6 address';
  if (prefix === undefined) return null;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) return 'has an invalid prefix length';
  return null;
}

export function ipAllowed(allowList: readonly string[], clientIp: string): boolean {
  if (allowList.length === 0) return true;
  const address = normalizeIp(clientIp);
  const family = isIP(address);
  if (family === 0) return false;
  const list = new BlockList();
  for (const entry of allowList) {
    if (allowListEntryProblem(entry) !== null) continue;
    const [base, prefix] = entry.split('/') as [string, string | undefined];
    const normalized = normalizeIp(base);
    const type = isIP(normalized) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(normalized, type);
    else list.addSubnet(normalized, Number(prefix), type);
  }
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}
