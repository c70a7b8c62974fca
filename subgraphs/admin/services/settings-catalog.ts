/**
 * Every site setting: its type, who may read it and its default. Values are
 * stored as JSON in admin.settings; a key missing there reads as its default.
 */
export type SettingVisibility = 'public' | 'private';

export interface SettingDefinition<T> {
  visibility: SettingVisibility;
  default: T;
  /** Narrows a stored JSON value; a value of the wrong type reads as the default. */
  parse(value: unknown): T | undefined;
}

const text = (fallback: string): SettingDefinition<string> => ({
  visibility: 'public',
  default: fallback,
  parse: (value) => (typeof value === 'string' ? value : undefined),
});

export const SETTINGS = {
  siteName: text('Playroom'),
  siteDescription: text(''),
  registrationOpen: {
    visibility: 'public',
    default: true,
    parse: (value: unknown) => (typeof value === 'boolean' ? value : undefined),
  } satisfies SettingDefinition<boolean>,
  supportEmail: {
    visibility: 'public',
    default: null,
    parse: (value: unknown) => (typeof value === 'string' || value === null ? value : undefined),
  } satisfies SettingDefinition<string | null>,
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValues = { [K in SettingKey]: (typeof SETTINGS)[K]['default'] };
