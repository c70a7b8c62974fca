/**
 * Minimal types for autocannon@8, which ships none (and there is no
 * @types/autocannon). Describes only what bench/ uses.
 */
declare module 'autocannon' {
  namespace autocannon {
    interface Options {
      url: string;
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      headers?: Record<string, string>;
      body?: string;
      /** Concurrent connections (default 10). */
      connections?: number;
      /** Seconds to run (default 10). */
      duration?: number;
      /** Seconds to wait for a response before counting a timeout (default 10). */
      timeout?: number;
      /** Requests each connection sends in turn (instead of method, headers and body). */
      requests?: RequestSpec[];
    }

    /** One connection's own state, kept across its requests. */
    type Context = Record<string, unknown>;

    interface RequestParams {
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      path?: string;
      headers?: Record<string, string>;
      body?: string;
    }

    interface RequestSpec extends RequestParams {
      /** Called before each send; returns the request to send. */
      setupRequest?: (request: RequestParams, context: Context) => RequestParams;
      /** Called with each complete response to this request. */
      onResponse?: (status: number, body: string, context: Context, headers: Record<string, string>) => void;
    }

    /**
     * The fields of a run's result that exist both on the main thread and in a
     * worker thread (where autocannon leaves its histograms encoded instead of
     * summarising them into `latency`, `requests` and `throughput`).
     */
    interface Result {
      /** Seconds the run took. */
      duration: number;
      /** Connection errors, timeouts included. */
      errors: number;
      timeouts: number;
      /** Responses whose status was not 2xx. */
      non2xx: number;
      statusCodeStats: Record<string, { count: number }>;
    }

    /** The running instance: an event emitter that is also a promise of the result. */
    interface Instance extends PromiseLike<Result> {
      /** Every response; `responseTimeMs` has sub-millisecond precision. */
      on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void): this;
      on(event: 'reqError', listener: (error: Error) => void): this;
      stop(): void;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;

  export = autocannon;
}
