import type { IncomingMessage } from 'node:http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/** Paths polled by probes and scrapers: a trace each would drown the real ones. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
/**
 * Query parameters whose values never go into a span (the instrumentation's
 * own list of signed-URL parameters, plus the names credentials take here).
 */
const REDACTED_QUERY_PARAMETERS = [
  'sig',
  'Signature',
  'AWSAccessKeyId',
  'X-Goog-Signature',
  'accessToken',
  'access_token',
  'token',
  'apiKey',
  'api_key',
  'key',
  'password',
];

export interface RunningTracing {
  /** Sends the spans still buffered; called before the process exits. */
  shutdown(): Promise<void>;
}

/**
 * The OpenTelemetry SDK of one process: W3C trace context (traceparent) in
 * and out of every HTTP request and fetch, a span for each, and database
 * spans for each pg query made inside a traced request, exported over
 * OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_ENDPOINT, which the exporter reads
 * itself along with the other OTEL_EXPORTER_OTLP_* variables. Apollo
 * Gateway emits its own spans (gateway.request, gateway.plan,
 * gateway.fetch, ...) through @opentelemetry/api into this provider.
 */
export function startTracingSdk(service: string): RunningTracing {
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector] }))
    // Every process of one installation shares the environment: the name says which process this is.
    .merge(resourceFromAttributes({ 'service.name': `playroom-${service}`, 'service.namespace': 'playroom' }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())] });
  // Sets the global tracer provider, the AsyncLocalStorage context manager and the W3C propagators.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.has(new URL(request.url ?? '/', 'http://localhost').pathname),
        redactedQueryParams: REDACTED_QUERY_PARAMETERS,
        redactedQueryParamsServer: REDACTED_QUERY_PARAMETERS,
      }),
      // Node's fetch: the gateway's subgraph requests and credential checks.
      new UndiciInstrumentation(),
      // Only inside a request: the pollers (outbox relay, delivery worker) would make a trace a second.
      // Statements are recorded with their placeholders, never their values.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  return { shutdown: () => provider.shutdown() };
}
