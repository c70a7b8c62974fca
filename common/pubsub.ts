import { Redis } from 'ioredis';
import pg from 'pg';
import { DEFAULT_DATABASE_CONNECT_TIMEOUT_MS } from './config';
import type { Logger } from './logger';

/**
 * Event fan-out between the replicas of the processes. A process publishes
 * an event on a topic (`player-joined:42`); every subscriber of that topic in
 * every process that shares the broker receives it, the publisher's own
 * process included (events always travel through the broker, so each
 * subscriber sees each event once).
 *
 * Events are notifications, not data: send ids and small JSON, and read the
 * rest from the database. A payload is limited to MAX_EVENT_BYTES (PostgreSQL
 * NOTIFY accepts 8000 bytes). Delivery is at most once: an event published
 * while a process's broker connection is down does not reach that process.
 */
export interface PubSub {
  /** Sends the event to every subscriber of the topic in every process; rejects when the broker cannot take it. */
  publish(topic: string, payload: unknown): Promise<void>;
  /**
   * The events of one topic from now on. Registered at once (an event
   * published after this call returns is delivered); return() unsubscribes.
   */
  subscribe<T>(topic: string): AsyncIterableIterator<T>;
  /** How many subscribers this process has on the topic (metrics, tests). */
  listenerCount(topic: string): number;
  close(): Promise<void>;
}

/** NOTIFY takes payloads shorter than 8000 bytes; the envelope around the payload counts too. */
export const MAX_EVENT_BYTES = 7900;
/** Events a subscriber may have waiting before it is dropped as too slow. */
const MAX_QUEUED_EVENTS = 1000;

export class EventTooLarge extends Error {}
export class SubscriberTooSlow extends Error {}

interface Envelope {
  topic: string;
  payload: unknown;
}

function encode(topic: string, payload: unknown): string {
  const message = JSON.stringify({ topic, payload } satisfies Envelope);
  if (Buffer.byteLength(message, 'utf8') > MAX_EVENT_BYTES) {
    throw new EventTooLarge(`event on ${topic} is larger than ${MAX_EVENT_BYTES} bytes; publish ids and read the rest`);
  }
  return message;
}

/** One subscriber's queue: events pushed by the hub, pulled by the consumer. */
class TopicIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private readonly waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: Error) => void }[] = [];
  private finished = false;
  private failure: Error | undefined;

  constructor(private readonly unregister: () => void) {}

  push(value: T): void {
    if (this.finished) return;
    const waiter = this.waiting.shift();
    if (waiter) {
      waiter.resolve({ value, done: false });
      return;
    }
    this.queue.push(value);
    if (this.queue.length > MAX_QUEUED_EVENTS) this.fail(new SubscriberTooSlow('subscriber fell too far behind'));
  }

  private fail(error: Error): void {
    this.failure = error;
    this.queue.length = 0;
    this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.unregister();
    for (const waiter of this.waiting.splice(0)) {
      if (this.failure) waiter.reject(this.failure);
      else waiter.resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length > 0) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Resolves a pending next() at once, so a consumer waiting for an event can stop. */
  return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.finish();
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}

/** Where events go and come from; the hub does the local fan-out to subscribers. */
interface Transport {
  /** Connects and subscribes to the broker channel; resolves once events flow. */
  start(): Promise<unknown>;
  send(message: string): Promise<void>;
  close(): Promise<void>;
}

class BrokerPubSub implements PubSub {
  private readonly topics = new Map<string, Set<TopicIterator<unknown>>>();
  private transport: Transport | undefined;

  constructor(private readonly logger: Logger) {}

  attach(transport: Transport): void {
    this.transport = transport;
  }

  /** A message from the broker: hand it to this process's subscribers of its topic. */
  deliver(message: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(message) as Envelope;
    } catch {
      this.logger.warn('ignoring a malformed event');
      return;
    }
    const subscribers = typeof envelope?.topic === 'string' ? this.topics.get(envelope.topic) : undefined;
    if (!subscribers) return;
    for (const subscriber of [...subscribers]) subscriber.push(envelope.payload);
  }

  async publish(topic: string, payload: unknown): Promise<void> {
    if (!this.transport) throw new Error('event broker is closed');
    await this.transport.send(encode(topic, payload));
  }

  subscribe<T>(topic: string): AsyncIterableIterator<T> {
    let subscribers = this.topics.get(topic);
    if (!subscribers) {
      subscribers = new Set();
      this.topics.set(topic, subscribers);
    }
    const set = subscribers;
    const iterator: TopicIterator<unknown> = new TopicIterator<unknown>(() => {
      set.delete(iterator);
      if (set.size === 0 && this.topics.get(topic) === set) this.topics.delete(topic);
    });
    set.add(iterator);
    return iterator as TopicIterator<T>;
  }

  listenerCount(topic: string): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  async close(): Promise<void> {
    for (const subscribers of [...this.topics.values()]) for (const subscriber of [...subscribers]) await subscriber.return();
    const transport = this.transport;
    this.transport = undefined;
    await transport?.close();
  }
}

/** NOTIFY reaches the listeners of the same database only, so one channel name serves every deployment. */
const POSTGRES_CHANNEL = 'playroom_events';

/** The Redis channel of one database: replicas that share the database share its events. */
function redisChannelOf(databaseUrl: string): string {
  let database = 'default';
  try {
    database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) || 'default';
  } catch {
    // not a URL: one channel for everything
  }
  return `playroom:events:${database}`;
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;
/** Opening the LISTEN connection may take this long before the attempt counts as failed. */
const CONNECT_TIMEOUT_MS = DEFAULT_DATABASE_CONNECT_TIMEOUT_MS;

/** Half the delay plus a random half: processes that lost the database together do not retry in lockstep. */
function withJitter(delayMs: number): number {
  return Math.round(delayMs / 2 + Math.random() * (delayMs / 2));
}
/** How long publish waits for a dropped LISTEN connection to come back. */
const PUBLISH_WAIT_MS = 2000;

/**
 * PostgreSQL LISTEN/NOTIFY on one dedicated connection per process, which
 * both listens and notifies; after a drop it reconnects with backoff and
 * listens again. NOTIFY is transactional in PostgreSQL: publish after the
 * writing transaction has committed.
 */
class PostgresTransport implements Transport {
  private client: pg.Client | undefined;
  /** The connection being opened or in use; events of older ones are ignored. */
  private current: pg.Client | undefined;
  private connecting: Promise<pg.Client> | undefined;
  private closed = false;
  private reconnectDelay = RECONNECT_MIN_MS;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Publishers waiting for the connection to come back. */
  private readonly waiters = new Set<(client: pg.Client) => void>();

  constructor(
    private readonly databaseUrl: string,
    private readonly channel: string,
    private readonly onMessage: (message: string) => void,
    private readonly logger: Logger,
  ) {}

  start(): Promise<pg.Client> {
    if (!this.connecting) this.connecting = this.connect();
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    this.current = client;
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload !== undefined) this.onMessage(message.payload);
    });
    client.on('error', (error) => {
      this.logger.warn({ err: { message: error.message } }, 'event listener connection failed');
      this.dropped(client);
    });
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(this.channel)}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error('event broker is closed');
    }
    this.client = client;
    this.reconnectDelay = RECONNECT_MIN_MS;
    for (const waiter of [...this.waiters]) waiter(client);
    return client;
  }

  private dropped(client: pg.Client): void {
    if (this.current !== client || this.closed) return;
    this.current = undefined;
    this.client = undefined;
    this.connecting = undefined;
    client.end().catch(() => undefined);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const delay = withJitter(this.reconnectDelay);
    this.reconnectDelay = Math.min(RECONNECT_MAX_MS, this.reconnectDelay * 2);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.start().then(
        () => this.logger.info('event listener reconnected'),
        (error: Error) => {
          this.connecting = undefined;
          this.logger.warn({ err: { message: error.message } }, 'event listener reconnect failed');
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.reconnectTimer.unref();
  }

  /** NOTIFYs go one at a time: pg deprecates overlapping queries on one client. */
  private sending: Promise<void> = Promise.resolve();

  send(message: string): Promise<void> {
    const sent = this.sending.then(async () => {
      const client = this.client ?? (await this.reconnected());
      await client.query('select pg_notify($1, $2)', [this.channel, message]);
    });
    this.sending = sent.catch(() => undefined);
    return sent;
  }

  private reconnected(): Promise<pg.Client> {
    if (this.closed) return Promise.reject(new Error('event broker is closed'));
    if (!this.connecting) this.scheduleReconnect();
    return new Promise((resolve, reject) => {
      const waiter = (client: pg.Client) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(client);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error('event broker unavailable'));
      }, PUBLISH_WAIT_MS);
      this.waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** Redis pub/sub: one subscriber connection and one publisher connection (ioredis reconnects and resubscribes). */
class RedisTransport implements Transport {
  private readonly subscriber: Redis;
  private readonly publisher: Redis;

  constructor(
    url: string,
    private readonly channel: string,
    onMessage: (message: string) => void,
    logger: Logger,
  ) {
    const options = { maxRetriesPerRequest: 2, lazyConnect: true };
    this.subscriber = new Redis(url, options);
    this.publisher = new Redis(url, options);
    for (const connection of [this.subscriber, this.publisher]) {
      connection.on('error', (error: Error) => logger.warn({ err: { message: error.message } }, 'event broker (redis) connection failed'));
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) onMessage(message);
    });
  }

  async start(): Promise<void> {
    await Promise.all([this.subscriber.connect(), this.publisher.connect()]);
    await this.subscriber.subscribe(this.channel);
  }

  async send(message: string): Promise<void> {
    await this.publisher.publish(this.channel, message);
  }

  async close(): Promise<void> {
    await Promise.all([this.subscriber.quit().catch(() => undefined), this.publisher.quit().catch(() => undefined)]);
  }
}

export interface PubSubOptions {
  /** The database whose replicas share events (LISTEN/NOTIFY runs there; it also names the Redis channel). */
  databaseUrl: string;
  /** REDIS_URL: use Redis pub/sub instead of PostgreSQL. */
  redisUrl?: string;
  logger: Logger;
}

/** Connects to the broker (Redis when redisUrl is set, else PostgreSQL) and resolves once events flow. */
export async function createPubSub(options: PubSubOptions): Promise<PubSub> {
  const hub = new BrokerPubSub(options.logger);
  const deliver = (message: string) => hub.deliver(message);
  const transport: Transport = options.redisUrl
    ? new RedisTransport(options.redisUrl, redisChannelOf(options.databaseUrl), deliver, options.logger)
    : new PostgresTransport(options.databaseUrl, POSTGRES_CHANNEL, deliver, options.logger);
  try {
    await transport.start();
  } catch (error) {
    // Closed even though it never started: a failed PostgreSQL connect ends its client, whose end would schedule reconnects forever.
    await transport.close();
    throw error;
  }
  hub.attach(transport);
  return hub;
}

/** For processes that neither publish nor subscribe: any use is a programming error. */
export const NO_EVENTS: PubSub = {
  publish: () => Promise.reject(new Error('events are not enabled for this process')),
  subscribe: () => {
    throw new Error('events are not enabled for this process');
  },
  listenerCount: () => 0,
  close: async () => undefined,
};
