import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../context';
import { asArray, asString, readConfig } from './config-store';

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
  streamTitle: string;
  tags: string[];
  socialHandles: SocialHandle[];
  extraPageContent: string;
  version: string;
  nsfw: boolean;
  customStyles: string;
  externalActions: ExternalAction[];
}

const INSTANCE_KEYS = ['name', 'summary', 'logo', 'streamTitle', 'tags', 'socialHandles', 'extraPageContent', 'nsfw', 'customStyles', 'externalActions'];

/** The public instance details (O1), read in one query. */
export async function readInstanceDetails(em: EntityManager): Promise<InstanceDetails> {
  const value = await readConfig(em, INSTANCE_KEYS);
  return {
    name: asString(value.get('name')),
    summary: asString(value.get('summary')),
    logo: asString(value.get('logo')),
    streamTitle: asString(value.get('streamTitle')),
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

/** Query.instanceDetails: public. */
export function instanceDetails(context: Context): Promise<InstanceDetails> {
  return readInstanceDetails(context.em);
}
