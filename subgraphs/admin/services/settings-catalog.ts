/**
 * Every site setting: its type, who may read it and its default. Values are
 * stored as JSON in admin.settings; a key missing there reads as its default.
 *
 * - public: anyone (unauthenticated pages);
 * - private: admins;
 * - secret: write-only; reads say only whether a value is set (`<key>Set`).
 */
export type SettingVisibility = 'public' | 'private' | 'secret';

export interface SettingDefinition<T> {
  visibility: SettingVisibility;
  default: T;
  /** Narrows a stored JSON value; a value of the wrong type reads as the default. */
  parse(value: unknown): T | undefined;
  /** What a written value must be, for error messages. */
  expected: string;
  /** Further rules for written values; returns the problem, if any. */
  check?(value: T): string | undefined;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const isEmail = (value: string) => EMAIL.test(value) && /^[^@]+@[^@.][^@]*\.[^@]+$/.test(value);

const text = (fallback: string, maxLength: number, visibility: SettingVisibility = 'public'): SettingDefinition<string> => ({
  visibility,
  default: fallback,
  parse: (value) => (typeof value === 'string' ? value : undefined),
  expected: 'a string',
  check: (value) => (value.length > maxLength ? `must be at most ${maxLength} characters` : undefined),
});

const optionalText = (maxLength: number, visibility: SettingVisibility): SettingDefinition<string | null> => ({
  visibility,
  default: null,
  parse: (value) => (typeof value === 'string' || value === null ? value : undefined),
  expected: 'a string or null',
  check: (value) => (value !== null && (value.length < 1 || value.length > maxLength) ? `must be 1 to ${maxLength} characters` : undefined),
});

const optionalEmail = (visibility: SettingVisibility): SettingDefinition<string | null> => ({
  visibility,
  default: null,
  parse: (value) => (typeof value === 'string' || value === null ? value : undefined),
  expected: 'an email address or null',
  check: (value) => (value !== null && !isEmail(value) ? 'must be an email address' : undefined),
});

export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

export const SETTINGS = {
  siteName: { ...text('Playroom', 200), check: (value: string) => (value.trim().length < 1 || value.length > 200 ? 'must be 1 to 200 characters' : undefined) },
  siteDescription: text('', 2000),
  registrationOpen: {
    visibility: 'public',
    default: true,
    parse: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
    expected: 'true or false',
  } satisfies SettingDefinition<boolean>,
  supportEmail: optionalEmail('public'),
  /** Outgoing mail: test mails and every mail the platform sends. */
  smtpHost: optionalText(253, 'private'),
  smtpPort: {
    visibility: 'private',
    default: 587,
    parse: (value: unknown) => (typeof value === 'number' && Number.isInteger(value) ? value : undefined),
    expected: 'an integer',
    check: (value: number) => (value < 1 || value > 65535 ? 'must be between 1 and 65535' : undefined),
  } satisfies SettingDefinition<number>,
  /** none: plain SMTP; starttls: upgrade required; tls: TLS from the first byte (port 465). */
  smtpSecurity: {
    visibility: 'private',
    default: 'starttls',
    parse: (value: unknown) => (typeof value === 'string' && (SMTP_SECURITY as readonly string[]).includes(value) ? (value as SmtpSecurity) : undefined),
    expected: 'one of none, starttls, tls',
  } satisfies SettingDefinition<SmtpSecurity>,
  smtpUser: optionalText(320, 'private'),
  smtpPassword: optionalText(1000, 'secret'),
  /** The From address of every mail. */
  smtpSender: optionalEmail('private'),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]: Exclude<ReturnType<(typeof SETTINGS)[K]['parse']>, undefined> };

export function isSettingKey(key: string): key is SettingKey {
  return Object.prototype.hasOwnProperty.call(SETTINGS, key);
}

export function isEmailAddress(value: string): boolean {
  return isEmail(value);
}
