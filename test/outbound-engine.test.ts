import { backoffDelayMs } from '../common/outbound/backoff';
import { openSecret, sealSecret, SecretUnavailable } from '../common/outbound/secret-box';
import { signDelivery, verifyDelivery } from '../common/outbound/signing';
import { checkTargetUrl, isPrivateAddress, UrlRefused } from '../common/outbound/url-policy';

/** The pure parts of the outbound engine (common/outbound). */
describe('URL policy', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fc00::1',
    'fd12::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '64:ff9b::10.0.0.1',
    'not-an-ip',
  ])('%s is private', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });

  it('accepts public http(s) URLs and refuses the rest unless private destinations are allowed', () => {
    expect(checkTargetUrl('https://hooks.example.com/x?y=1', false)).toBe('https://hooks.example.com/x?y=1');
    for (const url of [
      'ftp://example.com',
      'javascript:alert(1)',
      'https://u:p@example.com',
      'http://127.0.0.1:8080/',
      'http://[::1]/',
      'http://localhost/',
      'http://169.254.169.254/latest',
      'nope',
    ]) {
      expect(() => checkTargetUrl(url, false)).toThrow(UrlRefused);
    }
    expect(checkTargetUrl('http://127.0.0.1:8080/', true)).toBe('http://127.0.0.1:8080/');
    expect(() => checkTargetUrl('ftp://127.0.0.1/', true)).toThrow(UrlRefused);
  });
});

describe('backoff', () => {
  it('doubles from the base, caps at the maximum and jitters within [half, full]', () => {
    expect(backoffDelayMs(1, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelayMs(2, 100, 10_000, () => 1)).toBe(200);
    expect(backoffDelayMs(5, 100, 10_000, () => 1)).toBe(1600);
    expect(backoffDelayMs(30, 100, 10_000, () => 1)).toBe(10_000);
    expect(backoffDelayMs(3, 100, 10_000, () => 0)).toBe(200);
    for (let i = 0; i < 100; i += 1) {
      const delay = backoffDelayMs(4, 100, 10_000);
      expect(delay).toBeGreaterThanOrEqual(400);
      expect(delay).toBeLessThanOrEqual(800);
    }
  });
});

describe('signing', () => {
  it('signs timestamp and body; verification checks both and the age', () => {
    const now = Date.now();
    const timestamp = Math.floor(now / 1000);
    const signature = signDelivery('s3cret', timestamp, '{"a":1}');
    expect(verifyDelivery('s3cret', String(timestamp), '{"a":1}', signature, 300, now)).toBe(true);
    expect(verifyDelivery('s3cret', String(timestamp + 1), '{"a":1}', signature, 300, now)).toBe(false);
    expect(verifyDelivery('s3cret', String(timestamp), '{"a":2}', signature, 300, now)).toBe(false);
    expect(verifyDelivery('s3cret', String(timestamp), '{"a":1}', signature, 300, now + 301_000)).toBe(false);
  });
});

describe('secret box', () => {
  it('encrypts with a key, and refuses to open without it or with another', () => {
    const sealed = sealSecret('hook secret', 'key one');
    expect(sealed).toMatch(/^enc:v1:/);
    expect(sealed).not.toContain('hook secret');
    expect(sealSecret('hook secret', 'key one')).not.toBe(sealed);
    expect(openSecret(sealed, 'key one')).toBe('hook secret');
    expect(() => openSecret(sealed, undefined)).toThrow(SecretUnavailable);
    expect(() => openSecret(sealed, 'key two')).toThrow(SecretUnavailable);
    expect(openSecret(sealSecret('plain one', undefined), 'any')).toBe('plain one');
  });
});
