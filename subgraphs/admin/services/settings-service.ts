import type { EntityManager } from '@mikro-orm/postgresql';
import { domainError, ErrorCode } from '../../../common/errors';
import { recordEvent } from '../../../common/outbox';
import { inTransaction } from '../../../common/transaction';
import type { Context } from '../context';
import { Setting } from '../entities/setting';
import type { AdminSettings as AdminSettingsView } from '../generated/resolvers-types';
import { upsertSetting } from '../queries';
import { assertAllowed } from './permissions';
import { isSettingKey, SETTINGS, type SettingDefinition, type SettingKey, type SettingValues } from './settings-catalog';

const ALL_KEYS = Object.keys(SETTINGS) as SettingKey[];
const PUBLIC_KEYS = ALL_KEYS.filter((key) => SETTINGS[key].visibility === 'public');

/** Reads the given settings in one query; missing or mistyped values read as their defaults. */
export async function readSettings<K extends SettingKey>(em: EntityManager, keys: readonly K[]): Promise<Pick<SettingValues, K>> {
  const rows = await em.find(Setting, { key: { $in: [...keys] } });
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const values = {} as Record<SettingKey, unknown>;
  for (const key of keys) {
    const definition = SETTINGS[key] as SettingDefinition<unknown>;
    values[key] = stored.has(key) ? (definition.parse(stored.get(key)) ?? definition.default) : definition.default;
  }
  return values as Pick<SettingValues, K>;
}

/** The public keys (visibility 'public' in the catalog; PublicSettings in the SDL). */
type PublicKey = 'siteName' | 'siteDescription' | 'registrationOpen' | 'supportEmail';

/** The public settings, for anyone, in one query. */
export async function readPublicSettings({ em }: Context): Promise<Pick<SettingValues, PublicKey>> {
  return readSettings(em, PUBLIC_KEYS as PublicKey[]);
}

/** Every setting for admins; secret ones only as `<key>Set`. The view has exactly AdminSettings' fields (the SDL follows the catalog). */
function adminView(values: Record<string, unknown>): AdminSettingsView {
  const view: Record<string, unknown> = {};
  for (const key of ALL_KEYS) {
    if (SETTINGS[key].visibility === 'secret') view[`${key}Set`] = values[key] !== null && values[key] !== undefined && values[key] !== '';
    else view[key] = values[key];
  }
  return view as unknown as AdminSettingsView;
}

/** Every setting, for admins (keys: settings:read). */
export async function readAdminSettings(context: Context): Promise<AdminSettingsView> {
  await assertAllowed(context, 'settings:read');
  return adminView(await readSettings(context.em, ALL_KEYS));
}

/**
 * Changes only the keys given. Every key and value is checked before
 * anything is written, so an unknown key or a wrong type changes nothing.
 * Records a settings.updated event (key names only, never values).
 */
export async function updateSettings(context: Context, input: Record<string, unknown>): Promise<AdminSettingsView> {
  await assertAllowed(context, 'settings:write');
  const { em } = context;
  const changes: [SettingKey, unknown][] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (!isSettingKey(key)) throw domainError(ErrorCode.BadUserInput, `Unknown setting: ${key.slice(0, 64)}`, { field: key.slice(0, 64) });
    const definition = SETTINGS[key] as SettingDefinition<unknown>;
    const parsed = definition.parse(value);
    if (parsed === undefined) throw domainError(ErrorCode.BadUserInput, `${key} must be ${definition.expected}`, { field: key });
    const problem = definition.check?.(parsed);
    if (problem) throw domainError(ErrorCode.BadUserInput, `${key} ${problem}`, { field: key });
    changes.push([key, parsed]);
  }
  if (changes.length > 0) {
    // The event goes out at once: this replica's relay is woken after the commit.
    await inTransaction(
      em,
      async (tx) => {
        for (const [key, value] of changes) await upsertSetting(tx, key, value);
        await recordEvent(tx, 'admin', 'settings.updated', { keys: changes.map(([key]) => key) });
      },
      () => context.background?.relay.wake(),
    );
  }
  return adminView(await readSettings(em, ALL_KEYS));
}
