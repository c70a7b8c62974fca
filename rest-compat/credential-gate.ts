import type { CredentialScheme, RestFailure, RestFamily, RestRoute } from './route-table';

/**
 * Each family accepts exactly the credentials its specification names, and
 * each route declares which (`credentials`). A credential of another kind is
 * refused before the operation runs, even where the identity behind it
 * could pass the permission checks: a general-API bearer token is no
 * platform admin session, and an Owncast admin's Basic credentials are no
 * integration access token.
 */

/** A credential the request presents, by kind; `unrecognised` for an Authorization value of no known kind. */
export type PresentedKind = CredentialScheme | 'unrecognised';

export interface PresentedCredentials {
  /** What Authorization, x-api-key and x-api-token carry (chosen by the caller for this request). */
  explicit: PresentedKind[];
  /** The session cookie, which browsers attach to every request; it counts only when nothing explicit is sent. */
  sessionCookie: boolean;
}

const NAMES: Record<PresentedKind, string> = {
  sessionCookie: 'the session cookie',
  apiKey: 'a prapi_ API key',
  basicAdmin: 'HTTP Basic admin credentials',
  accessToken: 'an integration access token',
  hostToken: 'a host token',
  bearerToken: 'an access token from POST /v1/auth/login',
  unrecognised: 'this kind of credential',
};

/** The refusal of a request that presents a credential the route does not take; undefined when it may go on. */
export function credentialRefusal(family: RestFamily, route: RestRoute, presented: PresentedCredentials): RestFailure | undefined {
  // Public routes take any caller; the credential, if any, is checked as usual.
  if (route.credentials.length === 0) return undefined;
  const offered: PresentedKind[] = presented.explicit.length > 0 ? presented.explicit : presented.sessionCookie ? ['sessionCookie'] : [];
  const accepted = new Set<PresentedKind>(route.credentials);
  const refused = offered.find((kind) => !accepted.has(kind));
  if (refused === undefined) return undefined;
  const takes = route.credentials.map((scheme) => NAMES[scheme]).join(' or ');
  const named = NAMES[refused];
  return {
    kind: 'credential',
    message: `${named.charAt(0).toUpperCase()}${named.slice(1)} is not accepted here; this endpoint takes ${takes}`,
    accepted: route.credentials,
    acceptedElsewhereInFamily: refused !== 'unrecognised' && family.routes.some((other) => other.credentials.includes(refused)),
  };
}
