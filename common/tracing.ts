import { loadConfig } from './config';
import type { RunningTracing } from './tracing-sdk';

/**
 * Tracing for the process whose entry point imports this module first
 * (gateway/main.ts, subgraphs/<name>/main.ts), so that http, undici and pg
 * are instrumented before anything loads them. On only when
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is
 * set; otherwise the SDK is not even loaded and @opentelemetry/api, which
 * Apollo Gateway calls, stays a no-op.
 */

/** The process this is, from its entry file: gateway/main or subgraphs/<name>/main. */
function serviceOf(entry: string | undefined): string {
  const match = /(?:^|[\\/])(?:subgraphs[\\/](\w+)|(gateway))[\\/]main\.[cm]?[jt]s$/.exec(entry ?? '');
  return match?.[1] ?? match?.[2] ?? 'process';
}

/** A setting loadConfig refuses leaves tracing off; the service's start reports it in one line. */
function tracingEndpoint(): string | undefined {
  try {
    return loadConfig().otlpEndpoint;
  } catch {
    return undefined;
  }
}

let running: RunningTracing | undefined;
if (tracingEndpoint()) {
  // Loaded synchronously here and only when on: instrumentation must be in place before the entry's other imports.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracingSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  running = startTracingSdk(serviceOf(require.main?.filename ?? process.argv[1]));
}

/** Sends buffered spans (no-op when tracing is off); the process calls it before it exits. */
export async function flushTracing(): Promise<void> {
  await running?.shutdown().catch(() => undefined);
}
