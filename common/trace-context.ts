import { trace } from '@opentelemetry/api';

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
