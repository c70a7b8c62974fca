import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';

/**
 * Trace context across graphql-ws, where there are no per-operation HTTP
 * headers: the gateway puts W3C `traceparent`/`tracestate` of a span for the
 * forwarded subscription into the subscribe payload's `extensions`, and the
 * subgraph continues that trace for the subscribe and for each event. Only
 * @opentelemetry/api is used, so with tracing off (common/tracing.ts) the
 * extensions stay empty and the subgraph runs its work directly.
 */
const tracer = trace.getTracer('playroom');
const TRACE_KEYS = ['traceparent', 'tracestate'] as const;

export interface SubscriptionSpan {
  /** For the subscribe payload's `extensions`. */
  extensions: Record<string, string>;
  /** Runs work (a fetch for this subscription's event) as a child of the span. */
  within<T>(work: () => T): T;
  end(): void;
}

/** The gateway's span for one subscription it forwards to `subgraph`; lasts until end(). */
export function startSubscriptionSpan(operationName: string | undefined, subgraph: string): SubscriptionSpan {
  const span = tracer.startSpan(`subscription ${operationName ?? 'anonymous'}`, {
    kind: SpanKind.SERVER,
    attributes: { 'graphql.operation.type': 'subscription', 'graphql.operation.name': operationName ?? '', 'playroom.subgraph': subgraph },
  });
  const spanContext = trace.setSpan(context.active(), span);
  const extensions: Record<string, string> = {};
  propagation.inject(spanContext, extensions);
  return { extensions, within: (work) => context.with(spanContext, work), end: () => span.end() };
}

/** The remote parent in a subscribe payload's `extensions` (ROOT_CONTEXT when there is none). */
export function traceContextFromExtensions(extensions: unknown): Context {
  if (typeof extensions !== 'object' || extensions === null) return ROOT_CONTEXT;
  const carrier: Record<string, string> = {};
  for (const key of TRACE_KEYS) {
    const value = (extensions as Record<string, unknown>)[key];
    if (typeof value === 'string') carrier[key] = value;
  }
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** Runs `work` in a span that continues `parent`; with no traced parent it just runs it. */
export async function inSpanOf<T>(parent: Context | undefined, name: string, work: () => Promise<T>): Promise<T> {
  if (!parent || !trace.getSpan(parent)) return work();
  return tracer.startActiveSpan(name, { kind: SpanKind.INTERNAL }, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Names the HTTP server span of the current request after its route template
 * (`POST /graphql`, `GET /hosts/:host`), as the semantic conventions ask; the
 * http instrumentation alone only knows the method. No-op with tracing off.
 */
export function nameServerSpan(method: string, route: string | undefined): void {
  const span = trace.getActiveSpan();
  if (!span || route === undefined) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
}

