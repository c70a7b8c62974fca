import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { mapAsyncIterator } from '../common/async-iterators';
import { ensureDatabase } from '../common/embedded-postgres';
import { createLogger } from '../common/logger';
import { createPubSub, EventTooLarge, type PubSub } from '../common/pubsub';
import { routingFromSupergraph } from '../gateway/subscriptions';
import { loadSupergraphSdl } from '../gateway/server';
import { until, within } from './support/wait';

const logger = createLogger('test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** A logger whose lines the test reads (a broker's reconnects). */
function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
  return { lines, logger };
}

let databaseUrl: string;
let admin: pg.Client;
const opened: PubSub[] = [];

beforeAll(async () => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/test_pubsub_${randomBytes(6).toString('hex')}`;
  databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((pubsub) => pubsub.close()));
});
afterAll(async () => {
  await admin.end();
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  await client.query(`drop database if exists ${client.escapeIdentifier(new URL(databaseUrl).pathname.slice(1))} with (force)`);
  await client.end();
});

async function open(redisUrl?: string, log = logger): Promise<PubSub> {
  const pubsub = await createPubSub({ databaseUrl, redisUrl, logger: log });
  opened.push(pubsub);
  return pubsub;
}

// The Redis variant runs only where REDIS_URL names a server (e.g. redis://127.0.0.1:6379);
// PostgreSQL LISTEN/NOTIFY is the default broker and is always tested.
const brokers: [string, string | undefined][] = [['PostgreSQL', undefined]];
if (process.env.REDIS_URL) brokers.push(['Redis', process.env.REDIS_URL]);

describe.each(brokers)('PubSub over %s', (_name, redisUrl) => {
  it('an event published in one process reaches the subscribers of every process, once each', async () => {
    const a = await open(redisUrl);
    const b = await open(redisUrl);
    const onA = a.subscribe<{ n: number }>('topic:1');
    const onB = b.subscribe<{ n: number }>('topic:1');
    const otherTopic = b.subscribe<{ n: number }>('topic:2');
    expect(b.listenerCount('topic:1')).toBe(1);
    await a.publish('topic:1', { n: 1 });
    await a.publish('topic:1', { n: 2 });
    expect((await within(onA.next(), 'A')).value).toEqual({ n: 1 });
    expect((await within(onB.next(), 'B')).value).toEqual({ n: 1 });
    expect((await within(onB.next(), 'B')).value).toEqual({ n: 2 });
    expect((await within(onA.next(), 'A')).value).toEqual({ n: 2 });
    // Nothing crossed into the other topic.
    await a.publish('topic:2', { n: 3 });
    expect((await within(otherTopic.next(), 'topic 2')).value).toEqual({ n: 3 });
  });

  it('return() ends a waiting next() at once and unsubscribes', async () => {
    const pubsub = await open(redisUrl);
    const events = pubsub.subscribe('topic:3');
    const waiting = events.next();
    await events.return!();
    expect(await within(waiting, 'the end')).toEqual({ value: undefined, done: true });
    expect(pubsub.listenerCount('topic:3')).toBe(0);
    // Through a mapping iterator too (what a subgraph's subscription uses).
    const mapped = mapAsyncIterator(pubsub.subscribe<number>('topic:4'), (value) => value * 2);
    const pending = mapped.next();
    await mapped.return();
    expect(await within(pending, 'the mapped end')).toEqual({ value: undefined, done: true });
    expect(pubsub.listenerCount('topic:4')).toBe(0);
  });

  it('refuses payloads over the NOTIFY limit', async () => {
    const pubsub = await open(redisUrl);
    await expect(pubsub.publish('topic:5', { big: 'x'.repeat(8000) })).rejects.toBeInstanceOf(EventTooLarge);
  });
});

describe('PubSub over PostgreSQL', () => {
  it('reconnects its LISTEN connection after the server drops it', async () => {
    // Each broker logs 'event listener reconnected' once it listens again: the test waits for that, not for time.
    const publisherLog = capturingLogger();
    const listenerLog = capturingLogger();
    const publisher = await open(undefined, publisherLog.logger);
    const listener = await open(undefined, listenerLog.logger);
    const events = listener.subscribe<{ n: number }>('topic:6');
    // Drop every LISTEN connection of this database (the publisher's too: it reconnects as well).
    const dropped = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`,
    );
    expect(dropped.rowCount).toBeGreaterThanOrEqual(2);
    for (const log of [publisherLog, listenerLog])
      await until(() => log.lines.some((line) => line.includes('event listener reconnected')), 'a reconnect', 60_000);
    const received = events.next();
    await publisher.publish('topic:6', { n: 1 });
    expect((await within(received, 'an event after the reconnect')).value).toEqual({ n: 1 });
  });
});

describe('subscription routing from the supergraph', () => {
  const routing = routingFromSupergraph(loadSupergraphSdl());

  it('finds the subgraph of each Subscription field', () => {
    expect(routing.ownerOf('playerJoined')).toBe('social');
    expect(routing.ownerOf('nothing')).toBeUndefined();
  });

  it('knows which fields a subgraph resolves itself', () => {
    expect(routing.resolves('social', 'SessionPlayer', 'guest')).toBe(true);
    expect(routing.resolves('social', 'PageInfo', 'hasNextPage')).toBe(true);
    expect(routing.resolves('social', 'Host', 'uuid')).toBe(true);
    expect(routing.resolves('admin', 'SessionPlayer', 'guest')).toBe(false);
    expect(routing.resolves('social', 'User', 'username')).toBe(false);
  });
});
