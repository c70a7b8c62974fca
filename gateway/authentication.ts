import { createHash } from 'node:crypto';
import { unverifiedClaimsOf } from './jwt-claims';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors';
import { compileAllowList, type AllowList } from '../common/ip-allowlist';
import type { Logger } from '../common/logger';
import type { Plan, Principal } from '../common/principal';
import { adminServiceCall, callService, type AdminCallSettings } from '../common/service-call';
import { ACCESS_TOKEN_ISSUER } from '../common/token-issuers';

/**
 * Works out who is calling, once per request, from any of the identity
 * model's credentials:
 * - `prapi_` API keys in `Authorization: Bearer`, `x-api-key` or `x-api-token`;
 * - general-API access tokens (JWTs issued by the admin subgraph) in `Authorization: Bearer`;
 * - the `session` cookie of the platform login.
 * The admin subgraph owns the data, so the gateway asks it
 * (`Query.resolveCredential`, signed with the gateway's service principal)
 * and caches each answer for `cacheSeconds` (5 s by default): a revoked or
 * expired key, a deleted session or a revoked token family stops working
 * within that bound everywhere, and at once on the gateway that handled the
 * change (the admin subgraph says so in a response header).
 * Other Authorization values (host tokens, streaming access tokens, HTTP
 * Basic) belong to other domains: the caller stays anonymous here and the
 * header goes to the subgraphs unchanged.
 */
export interface Authentication {
  principal: Principal;
  /** The session's CSRF token, to check against x-csrf-token on mutations. */
  csrfToken?: string;
  /** False when the gateway consumed the Authorization header itself (it is not forwarded then). */
  forwardAuthorization: boolean;
}

export class CredentialRejected extends Error {
  constructor(
    readonly status: 401 | 403 | 503,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ResolvedCredential {
  valid: boolean;
  principalKind: 'user' | 'apiKey' | null;
  userId: string | null;
  username: string | null;
  roles: string[] | null;
  roleIds: string[] | null;
  permissions: string[] | null;
  plan: Plan | null;
  scopes: string[] | null;
  keyId: string | null;
  allowedIps: string[] | null;
  sessionId: string | null;
  csrfToken: string | null;
  expiresAt: string | null;
}

/** A resolved credential as cached: its allow-list compiled once, not on every request. */
interface Resolution extends ResolvedCredential {
  allowList: AllowList;
}

type CredentialKind = 'session' | 'apiKey' | 'accessToken';

export interface AuthenticatorOptions extends AdminCallSettings {
  cacheSeconds: number;
  logger: Logger;
  /** The clock (ms) of the cache and of expiry checks; Date.now by default (tests move it on). */
  now?: () => number;
}

const RESOLVE = `query ResolveCredential($kind: CredentialKind!, $secret: String!) {
  resolveCredential(kind: $kind, secret: $secret) {
    valid principalKind userId username roles roleIds permissions plan scopes keyId allowedIps sessionId csrfToken expiresAt
  }
}`;
export const API_KEY_PREFIX = 'prapi_';
const MAX_CACHE_ENTRIES = 10_000;

function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function sessionCookieOf(request: FastifyRequest): string | undefined {
  const header = headerOf(request, 'cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === 'session') {
      const value = rest.join('=');
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** Whether the request carries a (non-empty) session cookie. */
export function hasSessionCookie(request: FastifyRequest): boolean {
  return sessionCookieOf(request) !== undefined;
}

function isOurAccessToken(token: string): boolean {
  return unverifiedClaimsOf(token)?.iss === ACCESS_TOKEN_ISSUER;
}

/** The parts of a user principal every way of signing in shares. */
function userPrincipal(resolved: ResolvedCredential, userId: string, clientIp: string) {
  return {
    kind: 'user' as const,
    clientIp,
    userId,
    username: resolved.username ?? '',
    roles: resolved.roles ?? [],
    roleIds: resolved.roleIds ?? [],
    permissions: resolved.permissions ?? [],
    plan: resolved.plan ?? 'free',
  };
}

export class Authenticator {
  private readonly cache = new Map<string, { value: Promise<Resolution>; until: number }>();
  private readonly invalidationListeners: (() => void)[] = [];

  private readonly now: () => number;

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Drops every cached answer (credentials changed) and tells the listeners (open WebSockets check theirs). */
  invalidate(): void {
    this.cache.clear();
    for (const listener of this.invalidationListeners) listener();
  }

  onInvalidate(listener: () => void): void {
    this.invalidationListeners.push(listener);
  }

  async authenticate(request: FastifyRequest): Promise<Authentication> {
    const clientIp = request.ip;
    const authorization = headerOf(request, 'authorization');
    const bearer = authorization && /^bearer\s+/i.test(authorization) ? authorization.replace(/^bearer\s+/i, '').trim() : undefined;
    const headerKey = headerOf(request, 'x-api-key') ?? headerOf(request, 'x-api-token');

    if (headerKey !== undefined || bearer?.startsWith(API_KEY_PREFIX)) {
      const key = headerKey ?? bearer!;
      const consumedAuthorization = headerKey === undefined;
      if (!key.startsWith(API_KEY_PREFIX)) throw new CredentialRejected(401, ErrorCode.Unauthenticated, 'Invalid API key');
      const resolved = await this.resolve('apiKey', key, request);
      if (!resolved.valid || resolved.principalKind !== 'apiKey' || !resolved.keyId) {
        throw new CredentialRejected(401, ErrorCode.Unauthenticated, 'Invalid, expired or revoked API key');
      }
      if (!resolved.allowList.allows(clientIp)) {
        throw new CredentialRejected(403, ErrorCode.Forbidden, 'This API key may not be used from this address');
      }
      return {
        principal: {
          kind: 'apiKey',
          clientIp,
          keyId: resolved.keyId,
          scopes: resolved.scopes ?? [],
          permissions: resolved.permissions ?? [],
          ...(resolved.userId ? { userId: resolved.userId, username: resolved.username ?? '', roleIds: resolved.roleIds ?? [] } : {}),
        },
        forwardAuthorization: !consumedAuthorization,
      };
    }

    if (bearer && isOurAccessToken(bearer)) {
      const resolved = await this.resolve('accessToken', bearer, request);
      if (!resolved.valid || resolved.principalKind !== 'user' || !resolved.userId) {
        throw new CredentialRejected(401, ErrorCode.Unauthenticated, 'Invalid or expired access token');
      }
      return {
        principal: {
          ...userPrincipal(resolved, resolved.userId, clientIp),
          authMethod: 'bearer',
          ...(resolved.sessionId ? { tokenFamily: resolved.sessionId } : {}),
        },
        forwardAuthorization: false,
      };
    }

    const session = sessionCookieOf(request);
    if (session) {
      const resolved = await this.resolve('session', session, request);
      // A stale cookie leaves the caller anonymous: public pages keep working,
      // and everything that needs a user answers 401.
      if (resolved.valid && resolved.principalKind === 'user' && resolved.userId && resolved.sessionId) {
        return {
          principal: { ...userPrincipal(resolved, resolved.userId, clientIp), authMethod: 'session', sessionId: resolved.sessionId },
          csrfToken: resolved.csrfToken ?? undefined,
          forwardAuthorization: true,
        };
      }
    }
    return { principal: { kind: 'anonymous', clientIp }, forwardAuthorization: true };
  }

  private async resolve(kind: CredentialKind, secret: string, request: FastifyRequest): Promise<Resolution> {
    const cacheKey = `${kind}:${createHash('sha256').update(secret).digest('hex')}`;
    const now = this.now();
    const cached = this.cache.get(cacheKey);
    if (cached && cached.until > now) return this.stillValid(await cached.value);
    // Concurrent requests with one credential share a single lookup; a failed lookup is not kept.
    const value = this.fetchResolution(kind, secret, request.id);
    if (this.cache.size >= MAX_CACHE_ENTRIES) this.cache.clear();
    const entry = { value, until: now + this.options.cacheSeconds * 1000 };
    this.cache.set(cacheKey, entry);
    value.catch(() => {
      if (this.cache.get(cacheKey) === entry) this.cache.delete(cacheKey);
    });
    return this.stillValid(await value);
  }

  /** A cached answer never outlives the credential's own expiry. */
  private stillValid(value: Resolution): Resolution {
    if (value.valid && value.expiresAt && Date.parse(value.expiresAt) <= this.now()) return { ...value, valid: false };
    return value;
  }

  private async fetchResolution(kind: CredentialKind, secret: string, requestId: string): Promise<Resolution> {
    let resolved: ResolvedCredential;
    try {
      resolved = await callService<ResolvedCredential>(adminServiceCall('gateway', this.options), {
        query: RESOLVE,
        variables: { kind, secret },
        field: 'resolveCredential',
        requestId,
      });
    } catch (error) {
      this.options.logger.error({ reqId: requestId, err: error instanceof Error ? { message: error.message } : 'error' }, 'credential resolution failed');
      throw new CredentialRejected(503, ErrorCode.ServiceUnavailable, 'Credentials cannot be checked right now; try again');
    }
    return { ...resolved, allowList: compileAllowList(resolved.allowedIps ?? []) };
  }
}
