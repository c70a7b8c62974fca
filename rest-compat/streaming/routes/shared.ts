import type { JsonSchema, RestReply } from '../../route-table';
import { graphql } from '../generated';
import type { OwncastBasicResultFragment } from '../generated/graphql';

/** Owncast's BasicResponse {"success", "message"}, as GraphQL's BasicResult answers it: what setters and admin actions return. */
graphql(`
  fragment OwncastBasicResult on BasicResult {
    success
    message
  }
`);

/** The answer of a route whose mutation gives Owncast's BasicResponse: that result, as it is. */
export function basicResultReply(result: OwncastBasicResultFragment): RestReply {
  return { body: result };
}

/**
 * What the public client config (O1) and the admin server config (O12) both
 * show of the instance, after its name and summary.
 */
graphql(`
  fragment OwncastInstanceDetails on InstanceDetails {
    tags
    extraPageContent
    version
    nsfw
    customStyles
    socialHandles {
      platform
      url
    }
    externalActions {
      url
      title
      description
      icon
      color
      openExternally
    }
  }
`);

/** Owncast's ConfigValue: {"value": ...}; the subgraph checks the value itself. */
export const CONFIG_VALUE_BODY: JsonSchema = {
  type: 'object',
  required: ['value'],
  properties: { value: { description: 'string, integer, boolean, object or list, per endpoint' } },
};

/** Drops null fields, which the Owncast schemas leave out rather than null. */
export function withoutNulls<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== null)) as Partial<T>;
}
