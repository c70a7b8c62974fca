import type { EntityManager } from '@mikro-orm/postgresql';
import { ConfigEntry } from '../entities/config-entry';

/** Reported as `version` in InstanceDetails; Owncast clients only display it. */
export const SERVER_VERSION = 'Owncast v0.0.7-playroom (federated)';
/** Reported as `versionNumber` in the admin status (O6). */
export const VERSION_NUMBER = '0.0.7';

export interface SocialHandle {
  platform: string;
  url: string;
}

export interface ExternalAction {
  url: string;
  title: string;
  description?: string | null;
  icon?: string | null;
  color?: string | null;
  openExternally: boolean;
}

export interface InstanceDetails {
  name: string;
  summary: string;
  logo: string;
  tags: string[];
  socialHandles: SocialHandle[];
  extraPageContent: string;
  version: string;
  nsfw: boolean;
  customStyles: string;
  externalActions: ExternalAction[];
}

const INSTANCE_KEYS = ['name', 'summary', 'logo', 'tags', 'socialHandles', 'extraPageContent', 'nsfw', 'customStyles', 'externalActions'];

const asString = (value: unknown): string => (typeof value === 'string' ? value : '');
const asArray = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

/** The public instance details (O1), read in one query. */
export async function readInstanceDetails(em: EntityManager): Promise<InstanceDetails> {
  const rows = await em.find(ConfigEntry, { key: { $in: INSTANCE_KEYS } });
  const value = new Map(rows.map((row) => [row.key, row.value]));
  return {
    name: asString(value.get('name')),
    summary: asString(value.get('summary')),
    logo: asString(value.get('logo')),
    tags: asArray<unknown>(value.get('tags')).filter((tag): tag is string => typeof tag === 'string'),
    socialHandles: asArray<SocialHandle>(value.get('socialHandles')),
    extraPageContent: asString(value.get('extraPageContent')),
    version: SERVER_VERSION,
    nsfw: value.get('nsfw') === true,
    customStyles: asString(value.get('customStyles')),
    externalActions: asArray<ExternalAction>(value.get('externalActions')).map((action) => ({
      ...action,
      openExternally: action.openExternally === true,
    })),
  };
}
