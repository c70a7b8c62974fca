import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfigEntry } from '../entities/config-entry';

/** Reads several configuration values in one query. */
export async function readConfig(em: EntityManager, keys: readonly string[]): Promise<Map<string, unknown>> {
  const rows = await em.find(ConfigEntry, { key: { $in: [...keys] } });
  return new Map(rows.map((row) => [row.key, row.value]));
}

/** Writes one configuration value (inserted when the key is new). */
export async function writeConfig(em: EntityManager, key: string, value: unknown): Promise<void> {
  await em
    .getConnection()
    .execute(
      'insert into streaming.config (key, value, updated_at) values (?, ?::jsonb, now()) on conflict (key) do update set value = excluded.value, updated_at = now()',
      [key, JSON.stringify(value)],
    );
}

export const asString = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
export const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
export const asInteger = (value: unknown, fallback: number): number => (Number.isInteger(value) ? (value as number) : fallback);
export const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
