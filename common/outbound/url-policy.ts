import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { domainError, ErrorCode } from '../errors';

/**
 * Where outbound deliveries may go. Only http(s) URLs without credentials;
 * private, loopback, link-local, shared, multicast and reserved addresses are
 * refused unless the operator allows them (OUTBOUND_ALLOW_PRIVATE). The check
 * runs when a target is saved (IP literals) and again on every connection,
 * on the address DNS actually returned (see `guardedLookup`), so a name that
 * later resolves to an internal address (DNS rebinding) is refused too.
 */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** True for addresses a delivery must not reach unless private destinations are allowed. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true;
  const lower = address.toLowerCase();
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach an IPv4 host.
  const mapped = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (mapped) return blocked.check(mapped[1]!, 'ipv4');
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hexMapped) {
    const high = parseInt(hexMapped[1]!, 16);
    const low = parseInt(hexMapped[2]!, 16);
    return blocked.check(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`, 'ipv4');
  }
  return blocked.check(lower, 'ipv6');
}

export class UrlRefused extends Error {}

/** Checks a target URL when it is saved; returns it normalised. Throws UrlRefused with the reason. */
export function checkTargetUrl(raw: string, allowPrivate: boolean): string {
  if (raw.length > 2048) throw new UrlRefused('url must be at most 2048 characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefused('url is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UrlRefused('url must use http or https');
  if (url.username || url.password) throw new UrlRefused('url must not contain credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate) {
    if (isIP(host) && isPrivateAddress(host)) throw new UrlRefused('url points to a private, loopback or link-local address');
    if (/^localhost$|\.localhost$/i.test(host)) throw new UrlRefused('url points to a private, loopback or link-local address');
  }
  return url.toString();
}

/** A `lookup` for http(s).request that refuses private addresses at connection time. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = allowPrivate ? addresses : addresses.filter((entry) => !isPrivateAddress(entry.address));
      if (allowed.length === 0) {
        const refused = Object.assign(new UrlRefused(`destination ${hostname} resolves to a private, loopback or link-local address`), { code: 'EPRIVATE' });
        return callback(refused, '', 0);
      }
      if (options.all) return (callback as unknown as (err: null, addresses: LookupAddress[]) => void)(null, allowed);
      return callback(null, allowed[0]!.address, allowed[0]!.family);
    });
  };
}

/** checkTargetUrl for API input: a refused URL is BAD_USER_INPUT on the `url` field. */
export function checkTargetUrlInput(raw: string, allowPrivate: boolean): string {
  try {
    return checkTargetUrl(raw.trim(), allowPrivate);
  } catch (error) {
    if (error instanceof UrlRefused) throw domainError(ErrorCode.BadUserInput, error.message, { field: 'url' });
    throw error;
  }
}
