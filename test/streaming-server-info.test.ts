import { postGraphQL } from './support/http';
import { basic, owncastClient, type OwncastClient } from './support/streaming';
import { startSystem, type TestSystem } from './support/system';
import { until } from './support/wait';
import { sampleViewers } from '../subgraphs/streaming/services/viewer-samples';

const STREAM_KEY = 'server-info-test-key';
const WRONG_KEY = 'not-the-server-info-key';
const INTERVAL_MS = 50;
const admin = basic(STREAM_KEY);

interface LogEntry {
  time: string;
  level: string;
  message: string;
}

let system: TestSystem;
let owncast: OwncastClient;
let graphqlUrl: string;
beforeAll(async () => {
  system = await startSystem({ env: { STREAM_KEY, VIEWER_SAMPLE_INTERVAL_MS: String(INTERVAL_MS) } });
  owncast = owncastClient(system.gatewayUrl);
  graphqlUrl = `${system.gatewayUrl}/graphql`;
});
afterAll(() => system.stop());

async function expectAdminOnly(path: string): Promise<void> {
  const anonymous = await owncast.get(path);
  expect(anonymous.status).toBe(401);
  expect(anonymous.headers.get('www-authenticate')).toBe('Basic realm="Owncast"');
  expect((await owncast.get(path, basic(WRONG_KEY))).status).toBe(401);
  expect((await owncast.get(path, basic(STREAM_KEY, 'someone'))).status).toBe(401);
}

function expectLogEntries(entries: LogEntry[]): void {
  for (const entry of entries) {
    expect(Object.keys(entry).sort()).toEqual(['level', 'message', 'time']);
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
    expect(['trace', 'debug', 'info', 'warning', 'error', 'fatal']).toContain(entry.level);
    expect(typeof entry.message).toBe('string');
  }
}

describe('O5 GET /api/emoji', () => {
  it('is an empty list on a new server, public', async () => {
    const response = await owncast.get('/api/emoji');
    expect(response.status).toBe(200);
    expect(response.body).toEqual([]);
  });

  it('lists what the admin adds as {name, emoji}, by name; removeEmoji takes one away', async () => {
    const add = (name: string, url: string, authorization = admin) =>
      postGraphQL<{ addEmoji: { name: string; url: string } }>(
        graphqlUrl,
        'mutation Add($name: String!, $url: String!) { addEmoji(name: $name, url: $url) { name url } }',
        { name, url },
        { authorization },
      );
    expect((await add('parrot', '/img/emoji/parrot.gif')).body.data).toEqual({ addEmoji: { name: 'parrot', url: '/img/emoji/parrot.gif' } });
    await add('nicolas_cage_party', 'https://cdn.example.com/emoji/nicolas_cage_party.gif');
    // Same name again: replaces the URL.
    await add('parrot', '/img/emoji/party-parrot.gif');

    const listed = await owncast.get('/api/emoji');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      { name: 'nicolas_cage_party', emoji: 'https://cdn.example.com/emoji/nicolas_cage_party.gif' },
      { name: 'parrot', emoji: '/img/emoji/party-parrot.gif' },
    ]);

    const anonymous = await add('sneaky', '/img/emoji/sneaky.gif', '');
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const wrong = await add('sneaky', '/img/emoji/sneaky.gif', basic(WRONG_KEY));
    expect(wrong.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    for (const [name, url] of [
      ['bad name', '/img/x.gif'],
      ['ok', 'javascript:alert(1)'],
      ['ok', '//evil.example.com/x.gif'],
      ['ok', ''],
    ] as const) {
      expect((await add(name, url)).body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    }

    const remove = (name: string) =>
      postGraphQL(graphqlUrl, 'mutation Remove($name: String!) { removeEmoji(name: $name) { success } }', { name }, { authorization: admin });
    expect((await remove('parrot')).body.data).toEqual({ removeEmoji: { success: true } });
    expect((await remove('parrot')).body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await owncast.get('/api/emoji')).body).toEqual([{ name: 'nicolas_cage_party', emoji: 'https://cdn.example.com/emoji/nicolas_cage_party.gif' }]);
  });
});

describe('O10 GET /api/admin/logs and O11 GET /api/admin/logs/warnings', () => {
  it('are admin only', async () => {
    await expectAdminOnly('/api/admin/logs');
    await expectAdminOnly('/api/admin/logs/warnings');
  });

  it('O10 answers the subgraph’s recent LogEntry[] oldest first, without secrets', async () => {
    const response = await owncast.get<LogEntry[]>('/api/admin/logs', admin);
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThan(0);
    expectLogEntries(response.body);
    expect(response.body.some((entry) => entry.level === 'info')).toBe(true);
    // The refused attempts above were logged as warnings.
    expect(response.body).toContainEqual(expect.objectContaining({ level: 'warning', message: 'Failed admin authentication' }));
    const times = response.body.map((entry) => Date.parse(entry.time));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    const text = JSON.stringify(response.body);
    expect(text).not.toContain(STREAM_KEY);
    expect(text).not.toContain(WRONG_KEY);
    expect(text).not.toContain(Buffer.from(`admin:${STREAM_KEY}`).toString('base64'));
  });

  it('O11 answers only warnings and errors', async () => {
    await owncast.get('/api/admin/logs', basic(WRONG_KEY));
    const response = await owncast.get<LogEntry[]>('/api/admin/logs/warnings', admin);
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThan(0);
    expectLogEntries(response.body);
    for (const entry of response.body) expect(['warning', 'error', 'fatal']).toContain(entry.level);
    expect(response.body[response.body.length - 1]).toMatchObject({ level: 'warning', message: 'Failed admin authentication' });
  });

  it('GraphQL serverLogs and serverWarnings are admin only', async () => {
    const anonymous = await postGraphQL(graphqlUrl, '{ serverLogs { level } }');
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const asAdmin = await postGraphQL<{ serverWarnings: LogEntry[] }>(graphqlUrl, '{ serverWarnings { time level message } }', {}, { authorization: admin });
    expect(asAdmin.body.errors).toBeUndefined();
    expect(asAdmin.body.data?.serverWarnings.length).toBeGreaterThan(0);
  });
});

describe('O36 GET /api/admin/viewersOverTime', () => {
  it('is admin only', async () => {
    await expectAdminOnly('/api/admin/viewersOverTime');
  });

  it('answers the viewer count sampled every VIEWER_SAMPLE_INTERVAL_MS, oldest first, one sample per interval', async () => {
    // Seven live chat clients (the viewer count is derived from their rows).
    await system.sql(`insert into streaming.chat_clients (id, username) select 'sampled-' || n, 'viewer' from generate_series(1, 7) n`);
    // Sampled while they are there: wait until the samples show them, in two intervals at least.
    const viewersOverTime = () => owncast.get<{ time: string; value: number }[]>('/api/admin/viewersOverTime', admin);
    await until(async () => {
      const samples = (await viewersOverTime()).body;
      return samples.length >= 2 && samples.some((sample) => sample.value === 7);
    }, 'two samples, one of the seven viewers');
    await system.sql(`delete from streaming.chat_clients where id like 'sampled-%'`);
    const response = await viewersOverTime();
    expect(response.status).toBe(200);
    expect(response.body.length).toBeGreaterThanOrEqual(2);
    for (const sample of response.body) {
      expect(Object.keys(sample).sort()).toEqual(['time', 'value']);
      expect(Number.isInteger(sample.value)).toBe(true);
      // Each sample is keyed by the start of its interval.
      expect(Date.parse(sample.time) % INTERVAL_MS).toBe(0);
    }
    expect(response.body.some((sample) => sample.value === 7)).toBe(true);
    const times = response.body.map((sample) => Date.parse(sample.time));
    expect(new Set(times).size).toBe(times.length);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('keeps one sample per interval when several replicas sample at once', async () => {
    const { orm } = system.subgraphs.streaming;
    const before = await system.sql<{ count: string }>('select count(*) from streaming.viewer_samples');
    // An interval of an hour: every call below falls into the same one.
    await Promise.all([1, 2, 3].map(() => sampleViewers(orm.em.fork(), 3_600_000)));
    const hourly = await system.sql<{ count: string }>(`select count(*) from streaming.viewer_samples where bucket = date_trunc('hour', now())`);
    expect(hourly[0]?.count).toBe('1');
    expect(Number(before[0]?.count)).toBeGreaterThan(0);
  });

  it('GraphQL viewersOverTime is admin only', async () => {
    const anonymous = await postGraphQL(graphqlUrl, '{ viewersOverTime { time value } }');
    expect(anonymous.body.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    const asAdmin = await postGraphQL<{ viewersOverTime: unknown[] }>(graphqlUrl, '{ viewersOverTime { time value } }', {}, { authorization: admin });
    expect(asAdmin.body.data?.viewersOverTime.length).toBeGreaterThan(0);
  });
});
