import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * JSON logs on stdout. Secrets never reach a log line: credentials live in
 * headers and bodies, which are redacted here, and nothing else logs them.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        'req.headers["x-api-token"]',
        'req.headers["x-csrf-token"]',
        'req.headers["x-principal"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  });
}
