import { allowListEntryProblem, compileAllowList } from '../common/ip-allowlist';

/**
 * API-key allow-lists (common/ip-allowlist.ts): every entry accepted at
 * creation compiles, and IPv4-mapped IPv6 addresses and ranges match their
 * IPv4 forms in both directions.
 */
describe('IP allow-lists', () => {
  it('accepts addresses and ranges of both families, IPv4-mapped ones included', () => {
    for (const entry of [
      '10.0.0.1',
      '10.0.0.0/8',
      '0.0.0.0/0',
      '::1',
      '2001:db8::/32',
      '::/0',
      '::ffff:127.0.0.0/104',
      '::ffff:10.1.2.3',
      '::ffff:10.0.0.0/96',
    ]) {
      expect({ entry, problem: allowListEntryProblem(entry) }).toEqual({ entry, problem: null });
    }
  });

  it('names the problem of entries that are not addresses or ranges', () => {
    for (const entry of ['', 'not-an-ip', '10.0.0.0/33', '::ffff:127.0.0.0/129', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/x', ' 10.0.0.1', '10.0.0.256']) {
      expect({ entry, problem: allowListEntryProblem(entry) }).toEqual({ entry, problem: expect.any(String) });
    }
  });

  it('matches IPv4-mapped clients against IPv4 entries and IPv4 clients against mapped entries', () => {
    const list = compileAllowList(['::ffff:127.0.0.0/104', '10.1.2.0/24', '2001:db8::/32']);
    expect(list.allows('127.0.0.1')).toBe(true);
    expect(list.allows('::ffff:127.1.2.3')).toBe(true);
    expect(list.allows('10.1.2.200')).toBe(true);
    expect(list.allows('::ffff:10.1.2.200')).toBe(true);
    expect(list.allows('2001:db8::7')).toBe(true);
    expect(list.allows('10.1.3.1')).toBe(false);
    expect(list.allows('::ffff:10.1.3.1')).toBe(false);
    expect(list.allows('128.0.0.1')).toBe(false);
    expect(list.allows('2001:db9::1')).toBe(false);
    expect(list.allows('not an address')).toBe(false);
  });

  it('allows everyone with no entries, and no one when no stored entry parses', () => {
    expect(compileAllowList([]).allows('203.0.113.9')).toBe(true);
    expect(compileAllowList(['10.0.0.0/33']).allows('10.0.0.1')).toBe(false);
  });
});
