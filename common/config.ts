/**
 * Every setting the processes read from the environment, in one place, with
 * its default. docs/CONFIGURATION.md lists them for operators.
 */
export const SUBGRAPH_NAMES = ['admin', 'tickets', 'social', 'streaming'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  admin: 4001,
  tickets: 4002,
  social: 4003,
  streaming: 4004,
};

export type AppMode = 'development' | 'production';

export interface Config {
  mode: AppMode;
  listenHost: string;
  logLevel: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  /** Shared secret that signs the principal the gateway forwards to subgraphs. */
  principalSecret: string | undefined;
  /** Lifetime of a forwarded principal, in seconds. */
  principalTtlSeconds: number;
  /** HS256 secret of host tokens (seed 004); only the social subgraph uses it. */
  hostTokenSecret: string | undefined;
  /** Lifetime of a host token, in seconds. */
  hostTokenTtlSeconds: number;
  ports: Record<SubgraphName | 'gateway', number>;
  subgraphUrls: Record<SubgraphName, string>;
  subgraphTimeoutMs: number;
  /** How long a stopping service lets in-flight requests finish. */
  shutdownGraceMs: number;
  docsEnabled: boolean;
  /** INFLIGHT_DEDUPLICATION: the gateway shares identical concurrent queries and subgraph fetches. */
  inflightDeduplication: boolean;
  /** Trust X-Forwarded-For from these proxies (true = any; false = use the socket address). */
  trustProxy: boolean | string;
  /** How long the gateway caches a resolved credential (bounds how late a revocation takes effect). */
  credentialCacheSeconds: number;
  /**
   * Idempotency-Key on REST creation routes (rest-compat/idempotency.ts): how long a key's first answer is
   * replayed, and how long an attempt holds its key before a retry may take it over (a gateway died mid-request).
   */
  idempotency: { ttlSeconds: number; leaseSeconds: number };
  /** Per-plan request limits of the general API (/v1) per fixed window (gateway/rate-limit.ts). */
  rateLimits: { windowSeconds: number; perPlan: { free: number; pro: number; enterprise: number } };
  /** REDIS_URL: event fan-out through Redis pub/sub instead of PostgreSQL LISTEN/NOTIFY (common/pubsub.ts). */
  redisUrl: string | undefined;
  /** GraphQL over WebSocket (gateway/subscriptions.ts): limits and timers. */
  subscriptions: {
    maxConnections: number;
    maxBufferedBytes: number;
    keepAliveMs: number;
    connectionInitTimeoutMs: number;
    /** Largest WebSocket message a client may send (ws maxPayload; a bigger one closes the socket with 1009). */
    maxPayloadBytes: number;
    /** Open sockets one client address may hold. */
    maxConnectionsPerAddress: number;
    /** Open sockets one credential (API key, user, forwarded token) may hold. */
    maxConnectionsPerCredential: number;
    /** Sockets an event is written to per turn of the event loop (gateway/subscription-groups.ts). */
    deliveryChunk: number;
  };
  /** GRAPHQL_INTROSPECTION: introspection for every caller (default: development only); admins may always introspect. */
  graphqlIntrospection: boolean;
  /** Browser origins (scheme://host[:port]) besides the gateway's own that may open WebSockets and use the session cookie. */
  allowedOrigins: string[];
  /** Limits on every GraphQL operation the gateway runs (gateway/operation-limits.ts). */
  operationLimits: { maxDepth: number; maxAliases: number; maxRootFields: number; maxDirectives: number; maxCost: number; maxTokens: number };
  embeddedPostgres: { dataDir: string; port: number };
  /** GET /metrics of every process (common/metrics.ts). */
  metrics: {
    /** METRICS_TOKEN: scrapers send it as a bearer token; unset serves internal client addresses only. */
    token: string | undefined;
    /** Distinct GraphQL operation names kept as their own series before new ones count as "other". */
    maxOperationNames: number;
  };
  /** OTEL_EXPORTER_OTLP_ENDPOINT: traces go there over OTLP/HTTP (common/tracing.ts); unset turns tracing off. */
  otlpEndpoint: string | undefined;
  /** How long opening one database connection may take before it counts as failed. */
  databaseConnectTimeoutMs: number;
  /** LOG_FORMAT: pretty (human-readable, no line per request) or json; auto = pretty on a terminal. */
  logFormat: 'pretty' | 'json';
}

/**
 * The embedded PostgreSQL's default port. It lies below Linux's ephemeral
 * range (32768–60999): a port inside it can be taken as the source port of an
 * outgoing connection, and a client reconnecting to a stopped database on the
 * same loopback address can then connect to itself and hold the port, so the
 * database cannot start again. 5432 is the usual system PostgreSQL and 5433 a
 * second Debian cluster, so the default keeps clear of both.
 */
export const DEFAULT_EMBEDDED_PG_PORT = 15432;
export const DEFAULT_DATABASE_CONNECT_TIMEOUT_MS = 5000;

/** DATABASE_URL must be a PostgreSQL URL; the value is not echoed (it carries a password). */
function databaseUrlFrom(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  // A Unix-socket URL names its folder in ?host= instead of a host name.
  const hasHost = url !== undefined && (url.hostname !== '' || url.searchParams.has('host'));
  if (!url || !/^postgres(ql)?:$/.test(url.protocol) || !hasHost || url.pathname.length < 2) {
    throw new Error(
      'DATABASE_URL is not a PostgreSQL URL: write it as postgres://user:password@host:5432/database, or unset it to use the embedded PostgreSQL',
    );
  }
  return raw;
}

/** LOG_FORMAT: json, pretty, or auto (pretty when stdout is a terminal). */
export function logFormatFrom(raw: string | undefined): 'pretty' | 'json' {
  if (raw === 'json' || raw === 'pretty') return raw;
  if (raw === undefined || raw === '' || raw === 'auto') return process.stdout.isTTY ? 'pretty' : 'json';
  throw new Error(`LOG_FORMAT must be auto, pretty or json, got "${raw}"`);
}

const REQUEST_LOG_LEVELS = ['off', 'trace', 'debug', 'info', 'warn', 'error'] as const;
export type RequestLogLevel = (typeof REQUEST_LOG_LEVELS)[number];

/**
 * REQUEST_LOG_LEVEL: the level of the one line each answered request writes.
 * Debug by default, so at the default LOG_LEVEL (info) no process writes a
 * line per request on the hot path; `info` turns the lines on, `off` drops them.
 */
export function requestLogLevelFrom(raw: string | undefined): RequestLogLevel {
  if (raw === undefined || raw === '') return 'debug';
  if ((REQUEST_LOG_LEVELS as readonly string[]).includes(raw)) return raw as RequestLogLevel;
  throw new Error(`REQUEST_LOG_LEVEL must be one of ${REQUEST_LOG_LEVELS.join(', ')}, got "${raw}"`);
}

/** An integer environment variable within [min, max]; throws a one-line error naming it otherwise. */
export function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 65535): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

/** A true/false environment variable (1/0, yes/no, on/off also accepted). */
export function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
}

/** TRUST_PROXY: unset/false, true, or a comma-separated list of proxy addresses and CIDR ranges. */
function trustProxyFrom(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  return raw;
}

/** ALLOWED_ORIGINS: comma-separated origins (scheme://host[:port]); each must parse as a URL origin. */
function originsFrom(raw: string | undefined): string[] {
  if (!raw) return [];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map((item) => {
      let origin: string;
      try {
        origin = new URL(item).origin;
      } catch {
        origin = 'null';
      }
      if (origin === 'null') throw new Error(`ALLOWED_ORIGINS entries must be origins like https://app.example.com, got "${item}"`);
      return origin;
    });
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.APP_MODE ?? 'production';
  if (mode !== 'development' && mode !== 'production') {
    throw new Error(`APP_MODE must be development or production, got "${mode}"`);
  }
  const ports = {
    gateway: intFrom(env, 'GATEWAY_PORT', DEFAULT_PORTS.gateway),
    admin: intFrom(env, 'ADMIN_PORT', DEFAULT_PORTS.admin),
    tickets: intFrom(env, 'TICKETS_PORT', DEFAULT_PORTS.tickets),
    social: intFrom(env, 'SOCIAL_PORT', DEFAULT_PORTS.social),
    streaming: intFrom(env, 'STREAMING_PORT', DEFAULT_PORTS.streaming),
  };
  const urlOf = (name: SubgraphName) => env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${ports[name]}/graphql`;
  return {
    mode,
    listenHost: env.LISTEN_HOST ?? '127.0.0.1',
    logLevel: env.LOG_LEVEL ?? 'info',
    databaseUrl: databaseUrlFrom(env.DATABASE_URL),
    // At least 2: migrating holds one connection for its advisory lock while migrations use another.
    databasePoolMax: intFrom(env, 'DATABASE_POOL_MAX', 10, 2, 1000),
    principalSecret: env.PRINCIPAL_SECRET || undefined,
    principalTtlSeconds: intFrom(env, 'PRINCIPAL_TTL_SECONDS', 30, 1, 3600),
    hostTokenSecret: env.HOST_TOKEN_SECRET || undefined,
    hostTokenTtlSeconds: intFrom(env, 'HOST_TOKEN_TTL_SECONDS', 3600, 1, 30 * 24 * 3600),
    ports,
    subgraphUrls: {
      admin: urlOf('admin'),
      tickets: urlOf('tickets'),
      social: urlOf('social'),
      streaming: urlOf('streaming'),
    },
    subgraphTimeoutMs: intFrom(env, 'SUBGRAPH_TIMEOUT_MS', 10_000, 1, 600_000),
    shutdownGraceMs: intFrom(env, 'SHUTDOWN_GRACE_MS', 10_000, 1, 600_000),
    docsEnabled: boolFrom(env, 'DOCS_ENABLED', true),
    inflightDeduplication: boolFrom(env, 'INFLIGHT_DEDUPLICATION', true),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
    credentialCacheSeconds: intFrom(env, 'CREDENTIAL_CACHE_SECONDS', 5, 0, 60),
    redisUrl: env.REDIS_URL || undefined,
    idempotency: {
      ttlSeconds: intFrom(env, 'IDEMPOTENCY_TTL_SECONDS', 24 * 3600, 60, 7 * 24 * 3600),
      leaseSeconds: intFrom(env, 'IDEMPOTENCY_LEASE_SECONDS', 60, 1, 3600),
    },
    rateLimits: {
      windowSeconds: intFrom(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600),
      perPlan: {
        free: intFrom(env, 'RATE_LIMIT_FREE', 60, 1, 1_000_000_000),
        pro: intFrom(env, 'RATE_LIMIT_PRO', 600, 1, 1_000_000_000),
        enterprise: intFrom(env, 'RATE_LIMIT_ENTERPRISE', 6000, 1, 1_000_000_000),
      },
    },
    subscriptions: {
      maxConnections: intFrom(env, 'SUBSCRIPTION_MAX_CONNECTIONS', 1000, 1, 1_000_000),
      maxBufferedBytes: intFrom(env, 'SUBSCRIPTION_MAX_BUFFERED_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
      keepAliveMs: intFrom(env, 'SUBSCRIPTION_KEEPALIVE_MS', 12_000, 0, 600_000),
      connectionInitTimeoutMs: intFrom(env, 'SUBSCRIPTION_INIT_TIMEOUT_MS', 5_000, 100, 600_000),
      maxPayloadBytes: intFrom(env, 'SUBSCRIPTION_MAX_PAYLOAD_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
      maxConnectionsPerAddress: intFrom(env, 'SUBSCRIPTION_MAX_CONNECTIONS_PER_ADDRESS', 50, 1, 1_000_000),
      maxConnectionsPerCredential: intFrom(env, 'SUBSCRIPTION_MAX_CONNECTIONS_PER_CREDENTIAL', 20, 1, 1_000_000),
      deliveryChunk: intFrom(env, 'SUBSCRIPTION_DELIVERY_CHUNK', 250, 1, 1_000_000),
    },
    allowedOrigins: originsFrom(env.ALLOWED_ORIGINS),
    graphqlIntrospection: boolFrom(env, 'GRAPHQL_INTROSPECTION', mode === 'development'),
    operationLimits: {
      maxDepth: intFrom(env, 'OPERATION_MAX_DEPTH', 12, 1, 1000),
      maxAliases: intFrom(env, 'OPERATION_MAX_ALIASES', 30, 0, 100_000),
      maxRootFields: intFrom(env, 'OPERATION_MAX_ROOT_FIELDS', 20, 1, 10_000),
      maxDirectives: intFrom(env, 'OPERATION_MAX_DIRECTIVES', 20, 0, 10_000),
      maxCost: intFrom(env, 'OPERATION_MAX_COST', 20_000, 1, 100_000_000),
      maxTokens: intFrom(env, 'OPERATION_MAX_TOKENS', 4_000, 10, 1_000_000),
    },
    embeddedPostgres: {
      dataDir: env.EMBEDDED_PG_DIR ?? '.data/postgres',
      port: intFrom(env, 'EMBEDDED_PG_PORT', DEFAULT_EMBEDDED_PG_PORT, 1),
    },
    databaseConnectTimeoutMs: intFrom(env, 'DATABASE_CONNECT_TIMEOUT_MS', DEFAULT_DATABASE_CONNECT_TIMEOUT_MS, 100, 600_000),
    logFormat: logFormatFrom(env.LOG_FORMAT),
    metrics: {
      token: metricsTokenFrom(env.METRICS_TOKEN),
      maxOperationNames: intFrom(env, 'METRICS_MAX_OPERATION_NAMES', 100, 1, 10_000),
    },
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined,
  };
}

/** METRICS_TOKEN: unset, or a secret long enough not to be guessed. */
function metricsTokenFrom(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (raw.length < 16) throw new Error('METRICS_TOKEN must be at least 16 characters (or unset: then /metrics answers internal addresses only)');
  return raw;
}

/** Throws a one-line, actionable error when a required secret is missing. */
export function requirePrincipalSecret(config: Config): string {
  if (!config.principalSecret || config.principalSecret.length < 32) {
    throw new Error('PRINCIPAL_SECRET must be set to at least 32 characters (npm start generates one)');
  }
  return config.principalSecret;
}

/** Throws a one-line, actionable error when the host token secret is missing. */
export function requireHostTokenSecret(config: Config): string {
  if (!config.hostTokenSecret || config.hostTokenSecret.length < 32) {
    throw new Error('HOST_TOKEN_SECRET must be set to at least 32 characters (npm start generates one)');
  }
  return config.hostTokenSecret;
}
