import pino, { type DestinationStream, type Level, type Logger, type StreamEntry } from 'pino';
import pretty from 'pino-pretty';
import { logFormatFrom } from './config';

export type { Logger };

const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-api-token"]',
  'req.headers["x-csrf-token"]',
  'req.headers["x-principal"]',
  'res.headers["set-cookie"]',
];

/** Human-readable lines (LOG_FORMAT=pretty, the default on a terminal) instead of JSON. */
export function prettyLogs(env: NodeJS.ProcessEnv = process.env): boolean {
  return logFormatFrom(env.LOG_FORMAT) === 'pretty';
}

/**
 * Logs on stdout: JSON for files, pipes and containers, human-readable lines
 * on a terminal (LOG_FORMAT chooses). Secrets never reach a log line:
 * credentials live in headers and bodies, which are redacted here, and
 * nothing else logs them.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  const options = { name: service, level, base: { service }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (!prettyLogs()) return pino(options);
  // Written synchronously in this thread: no worker thread per process just for formatting.
  return pino(
    options,
    pretty({ sync: true, colorize: true, ignore: 'pid,hostname,service,name', messageFormat: '{service}: {msg}', translateTime: 'SYS:HH:MM:ss' }),
  );
}

/** One entry of a RecentLogs buffer: only the time, level and message of a log line, never its bound fields. */
export interface RecentLogEntry {
  time: Date;
  /** trace, debug, info, warning, error or fatal (logrus' names, as Owncast shows them). */
  level: string;
  message: string;
}

/**
 * What a kept log message may show to whoever reads the buffer (Owncast's
 * admin log endpoints): no internal addresses (URLs, IP addresses, host:port,
 * localhost; e.g. Fastify's "Server listening at http://127.0.0.1:4004") and
 * no database statement, which would carry user data.
 */
const ADDRESS_PATTERNS: RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi,
  /\[[0-9a-f:.]+\](?::\d+)?/gi,
  // IPv6 before IPv4, so an IPv4-mapped address goes whole.
  /(?:\b(?:[0-9a-f]{1,4}:)*[0-9a-f]{1,4})?::(?:[0-9a-f]{1,4}:)*(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f]{1,4})\b/gi,
  /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b/gi,
  /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g,
  /\blocalhost(?::\d+)?\b/gi,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)+:\d{2,5}\b/gi,
];
const SQL_STATEMENT = /\b(?:select\s[\s\S]*\sfrom|insert\s+into|update\s+\S+\s+set|delete\s+from)\b/i;

export function publicLogMessage(message: string): string {
  if (SQL_STATEMENT.test(message)) return '(a message quoting a database statement; not shown)';
  return ADDRESS_PATTERNS.reduce((text, pattern) => text.replace(pattern, '[address]'), message);
}

const LEVEL_NAMES: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warning', 50: 'error', 60: 'fatal' };
const MAX_MESSAGE_LENGTH = 2000;

/** A bounded ring of entries, oldest first. */
class Ring {
  private readonly items: RecentLogEntry[] = [];
  private next = 0;
  constructor(private readonly capacity: number) {}
  push(entry: RecentLogEntry): void {
    if (this.items.length < this.capacity) this.items.push(entry);
    else this.items[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }
  list(): RecentLogEntry[] {
    return this.items.length < this.capacity ? [...this.items] : [...this.items.slice(this.next), ...this.items.slice(0, this.next)];
  }
}

/**
 * A pino destination that keeps the last `capacity` entries at `level` or
 * above in memory, and separately the last `capacity` warnings and errors (so
 * a flood of info lines does not push them out). Only `msg` is kept, without
 * addresses or statements (publicLogMessage): bound fields (requests,
 * errors, ids) never reach it.
 */
export class RecentLogs implements DestinationStream {
  private readonly all: Ring;
  private readonly warnings: Ring;
  constructor(
    capacity = 500,
    readonly level: Level = 'info',
  ) {
    this.all = new Ring(capacity);
    this.warnings = new Ring(capacity);
  }

  write(line: string): void {
    let record: { time?: unknown; level?: unknown; msg?: unknown };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      return;
    }
    const levelValue = typeof record.level === 'number' ? record.level : 30;
    const entry: RecentLogEntry = {
      time: new Date(typeof record.time === 'number' || typeof record.time === 'string' ? record.time : Date.now()),
      level: LEVEL_NAMES[levelValue] ?? String(record.level),
      message: typeof record.msg === 'string' ? publicLogMessage(record.msg).slice(0, MAX_MESSAGE_LENGTH) : '',
    };
    this.all.push(entry);
    if (levelValue >= pino.levels.values.warn!) this.warnings.push(entry);
  }

  /** Every kept entry, oldest first. */
  entries(): RecentLogEntry[] {
    return this.all.list();
  }

  /** The kept warnings, errors and fatal entries, oldest first. */
  warningEntries(): RecentLogEntry[] {
    return this.warnings.list();
  }
}

/**
 * A logger that writes what `logger` writes (same destination, level and
 * bindings) and also feeds `recent` from `recent.level` on, even when
 * `logger` itself is silent.
 */
export function withRecentLogs(logger: Logger, recent: RecentLogs): Logger {
  const streams: StreamEntry<Level>[] = [{ level: recent.level, stream: recent }];
  let lowest = pino.levels.values[recent.level]!;
  if (logger.level !== 'silent') {
    const destination = (logger as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym];
    if (destination) {
      streams.push({ level: logger.level as Level, stream: destination });
      lowest = Math.min(lowest, logger.levelVal);
    }
  }
  const level = pino.levels.labels[lowest] ?? recent.level;
  return pino({ level, base: null, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, pino.multistream(streams)).child(logger.bindings());
}
