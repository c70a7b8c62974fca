import type { EntityManager } from '@mikro-orm/postgresql';
import { Setting } from '../entities/setting';
import { SETTINGS, type SettingKey, type SettingValues } from './settings-catalog';

const PUBLIC_KEYS = (Object.keys(SETTINGS) as SettingKey[]).filter((key) => SETTINGS[key].visibility === 'public');

/** Reads the public settings in one query. */
export async function readPublicSettings(em: EntityManager): Promise<Pick<SettingValues, SettingKey>> {
  const rows = await em.find(Setting, { key: { $in: PUBLIC_KEYS } });
  const stored = new Map(rows.map((row) => [row.key, row.value]));
  const values = {} as Record<SettingKey, unknown>;
  for (const key of PUBLIC_KEYS) {
    const definition = SETTINGS[key];
    values[key] = stored.has(key) ? (definition.parse(stored.get(key)) ?? definition.default) : definition.default;
  }
  return values as SettingValues;
}
