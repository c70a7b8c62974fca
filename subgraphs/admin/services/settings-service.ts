import type { EntityManager } from '@mikro-orm/postgresql';
import { requirePermission } from '../../../common/authorization';
import { domainError, ErrorCode } from '../../../common/errors';
import { recordEvent } from '../../../common/outbox';
import type { Principal } from '../../../common/principal';
import { Setting } from '../entities/setting';
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

/** Reads the public settings in one query. */
export async function readPublicSettings(em: EntityManager): Promise<Pick<SettingValues, PublicKey>> {
  return readSettings(em, PUBLIC_KEYS as PublicKey[]);
}

/** Every setting for admins; secret ones only as `<key>Set`. */
export type AdminSettingsView = Record<string, unknown>;

function adminView(values: Record<string, unknown>): AdminSettingsView {
  const view: AdminSettingsView = {};
  for (const key of ALL_KEYS) {
    if (SETTINGS[key].visibility === 'secret') view[`${key}Set`] = values[key] !== null && values[key] !== undefined && values[key] !== '';
    else view[key] = values[key];
  }
  return view;
}

/** P2: admin permission; API keys need settings:read. */
export async function readAdminSettings(em: EntityManager, principal: Principal): Promise<AdminSettingsView> {
  requirePermission(principal, 'admin', 'settings:read', 'the admin settings');
  return adminView(await readSettings(em, ALL_KEYS));
}

/**
 * P3: changes only the keys given. Every key and value is checked before
 * anything is written, so an unknown key or a wrong type changes nothing.
 * Records a settings.updated event (key names only, never values).
 */
export async function updateSettings(em: EntityManager, principal: Principal, input: Record<string, unknown>): Promise<AdminSettingsView> {
  requirePermission(principal, 'admin', 'settings:write', 'the admin settings');
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
    await em.transactional(async (tx) => {
      for (const [key, value] of changes) {
        await tx.execute(
          `insert into admin.settings (key, value, updated_at) values (?, ?::jsonb, now())
           on conflict (key) do update set value = excluded.value, updated_at = now()`,
          [key, JSON.stringify(value)],
        );
      }
      await recordEvent(tx, 'admin', 'settings.updated', { keys: changes.map(([key]) => key) });
    });
  }
  return adminView(await readSettings(em, ALL_KEYS));
}
