import { context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';

/**
 * W3C trace context for subscriptions from the gateway to a subgraph over
 * graphql-ws, where no HTTP headers go with each operation: the gateway puts
 * `traceparent` (and `tracestate`) into the subscribe message's extensions,
 * as Apollo Router and Hive Gateway carry it in their WebSocket payloads, and
 * the subgraph continues the trace from there. Once per subscribe, never per
 * event; with tracing off the propagator and tracer are no-ops and nothing
 * is added.
 */
const tracer = trace.getTracer('playroom-subscriptions');

export interface TraceCarrier {
  traceparent?: string;
  tracestate?: string;
}

/** The gateway's span for sending one subscribe to `subgraph`, and the fields that carry it. */
export function upstreamSubscribeTrace(subgraph: string, operationName: string | undefined): TraceCarrier {
  const span = tracer.startSpan('gateway.subscribe', {
    kind: SpanKind.CLIENT,
    attributes: { service: subgraph, ...(operationName ? { 'graphql.operation.name': operationName } : {}) },
  });
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  // The span is the sending of the subscribe; the subgraph's span covers setting it up.
  span.end();
  return {
    ...(typeof carrier.traceparent === 'string' ? { traceparent: carrier.traceparent } : {}),
    ...(typeof carrier.tracestate === 'string' ? { tracestate: carrier.tracestate } : {}),
  };
}

export interface SubscriptionSpan {
  /** The context to set the subscription up in (its resolver's database statements join the trace). */
  context: Context;
  end(error?: unknown): void;
}

/** The subgraph's server span for one subscribe, continuing the gateway's trace from the message's extensions. */
export function startSubscriptionSpan(
  extensions: Readonly<Record<string, unknown>> | null | undefined,
  operationName: string | undefined | null,
): SubscriptionSpan {
  const carrier: Record<string, string> = {};
  for (const key of ['traceparent', 'tracestate'] as const) {
    const value = extensions?.[key];
    if (typeof value === 'string') carrier[key] = value;
  }
  const parent = propagation.extract(context.active(), carrier);
  const span: Span = tracer.startSpan(`subscription ${operationName ?? 'anonymous'}`, { kind: SpanKind.SERVER }, parent);
  return {
    context: trace.setSpan(parent, span),
    end: (error) => {
      if (error !== undefined) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : 'refused' });
      span.end();
    },
  };
}
