import { BlockList, isIP } from 'node:net';

/**
 * IP allow-lists of API keys: single addresses and CIDR ranges, IPv4 and
 * IPv6. Node's BlockList does the matching, and it treats an IPv4-mapped
 * IPv6 address (::ffff:a.b.c.d) and its IPv4 address as the same address in
 * both directions: a client at ::ffff:10.1.2.3 matches 10.1.2.0/24, and a
 * client at 10.1.2.3 matches ::ffff:10.1.2.0/120.
 *
 * An entry is read once, by parseAllowListEntry: at creation its problem is
 * the 400 the caller gets, and a compiled AllowList is what each request is
 * checked against.
 */
type Rule = { kind: 'address'; address: string; type: 'ipv4' | 'ipv6' } | { kind: 'subnet'; network: string; prefix: number; type: 'ipv4' | 'ipv6' };

/** The rule an entry stands for, or why it is not one. */
export function parseAllowListEntry(entry: string): { rule: Rule } | { problem: string } {
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || !address) return { problem: 'is not an address or CIDR range' };
  const family = isIP(address);
  if (family === 0) return { problem: 'is not an IPv4 or IPv6 address' };
  const type = family === 4 ? 'ipv4' : 'ipv6';
  if (prefix === undefined) return usable({ kind: 'address', address, type });
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits)
    return { problem: `has an invalid prefix length (0 to ${bits} for ${family === 4 ? 'IPv4' : 'IPv6'})` };
  return usable({ kind: 'subnet', network: address, prefix: Number(prefix), type });
}

function addRule(list: BlockList, rule: Rule): void {
  if (rule.kind === 'address') list.addAddress(rule.address, rule.type);
  else list.addSubnet(rule.network, rule.prefix, rule.type);
}

/** A rule passes only if BlockList takes it, so an entry accepted at creation can never fail a request later. */
function usable(rule: Rule): { rule: Rule } | { problem: string } {
  try {
    addRule(new BlockList(), rule);
    return { rule };
  } catch {
    return { problem: 'is not a usable address or CIDR range' };
  }
}

/** Null when the entry is a valid address or CIDR range, else the reason. */
export function allowListEntryProblem(entry: string): string | null {
  const parsed = parseAllowListEntry(entry);
  return 'problem' in parsed ? parsed.problem : null;
}

export interface AllowList {
  /** Whether a client at this address may use the key. */
  allows(clientIp: string): boolean;
}

const EVERYONE: AllowList = { allows: () => true };

/**
 * An empty list allows every address. Entries that do not parse (stored
 * before entries were checked) match nothing, so a list of only such
 * entries allows no one rather than everyone.
 */
export function compileAllowList(entries: readonly string[]): AllowList {
  if (entries.length === 0) return EVERYONE;
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseAllowListEntry(entry);
    if ('problem' in parsed) continue;
    addRule(list, parsed.rule);
  }
  return {
    allows: (clientIp) => {
      const family = isIP(clientIp);
      if (family === 0) return false;
      try {
        return list.check(clientIp, family === 4 ? 'ipv4' : 'ipv6');
      } catch {
        // An address BlockList cannot compare (e.g. with a zone id) is not on the list.
        return false;
      }
    },
  };
}
