import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfigEntry } from '../entities/config-entry';
import { upsertConfig } from '../queries';

/** Reads several configuration values in one query. */
export async function readConfig(em: EntityManager, keys: readonly string[]): Promise<Map<string, unknown>> {
  // Read fresh: a subscription's context outlives the changes it announces.
  const rows = await em.find(ConfigEntry, { key: { $in: [...keys] } }, { disableIdentityMap: true });
  return new Map(rows.map((row) => [row.key, row.value]));
}

/** Writes one configuration value (inserted when the key is new). */
export function writeConfig(em: EntityManager, key: string, value: unknown): Promise<void> {
  return upsertConfig(em, key, value);
}

export const asString = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);
export const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);
export const asInteger = (value: unknown, fallback: number): number => (Number.isInteger(value) ? (value as number) : fallback);
export const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
