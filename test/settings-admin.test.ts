/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are plain JSON; the assertions check their shape */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { IdentityClient } from './support/identity';
import { adminCallers, checkPlatformPermissions, type AdminCallers } from './support/platform-admin';
import { ADMIN } from './support/platform';
import { startSystem, type TestSystem } from './support/system';

/**
 * Typed settings (P2, P3) with write-only secrets, and the
 * test email (P4) through a real SMTP peer on a loopback port.
 */
const client = new IdentityClient();
let system: TestSystem;
let callers: AdminCallers;

interface Delivered {
  from: string;
  to: string[];
  user: string | undefined;
  data: string;
}
const delivered: Delivered[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === 'mailer' && auth.password === 'mail secret 1') return callback(null, { user: auth.username });
    return callback(new Error('Invalid username or password'));
  },
  onRcptTo(address, _session, callback) {
    if (address.address.endsWith('@refused.test')) return callback(Object.assign(new Error('No such mailbox here'), { responseCode: 550 }));
    return callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const from = session.envelope.mailFrom;
      delivered.push({
        from: from ? from.address : '',
        to: session.envelope.rcptTo.map((entry) => entry.address),
        user: session.user as string | undefined,
        data: Buffer.concat(chunks).toString(),
      });
      callback();
    });
  },
});
let smtpPort = 0;
// Accepts connections and never greets: the timeout case.
const silent = net.createServer(() => undefined);
let silentPort = 0;

const adminHeaders = () => ({ cookie: callers.admin.cookie, 'x-csrf-token': callers.admin.csrf });
const keyHeaders = () => ({ authorization: `Bearer ${callers.settingsKey}` });

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
  system = await startSystem({ logger: client.logger, env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, SMTP_TIMEOUT_MS: '400' } });
  client.baseUrl = system.gatewayUrl;
  callers = await adminCallers(client);
});
afterAll(async () => {
  await system.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

describe('P2 GET /api/admin/settings', () => {
  it('returns every setting with defaults, secrets only as <key>Set', async () => {
    const response = await client.call<any>('GET', '/api/admin/settings', { headers: { cookie: callers.admin.cookie } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      success: true,
      error: null,
      data: {
        settings: {
          siteName: 'Playroom',
          siteDescription: '',
          registrationOpen: true,
          supportEmail: null,
          smtpHost: null,
          smtpPort: 587,
          smtpSecurity: 'starttls',
          smtpUser: null,
          smtpPasswordSet: false,
          smtpSender: null,
        },
      },
    });
  });
});

describe('P3 PUT /api/admin/settings', () => {
  it('changes only the keys sent, keeps the password write-only and P1 public-only', async () => {
    const response = await client.call<any>('PUT', '/api/admin/settings', {
      headers: adminHeaders(),
      body: {
        siteName: 'Game Night',
        smtpHost: '127.0.0.1',
        smtpPort: smtpPort,
        smtpSecurity: 'none',
        smtpUser: 'mailer',
        smtpPassword: 'mail secret 1',
        smtpSender: 'noreply@example.com',
      },
    });
    expect(response.status).toBe(200);
    expect(response.body.data.settings).toMatchObject({
      siteName: 'Game Night',
      siteDescription: '',
      smtpHost: '127.0.0.1',
      smtpPort,
      smtpSecurity: 'none',
      smtpPasswordSet: true,
    });
    expect(JSON.stringify(response.body)).not.toContain('mail secret 1');
    expect(response.body.data.settings).not.toHaveProperty('smtpPassword');
    const read = await client.call<any>('GET', '/api/admin/settings', { headers: keyHeaders() });
    expect(read.body.data.settings).toMatchObject({ siteName: 'Game Night', smtpUser: 'mailer', smtpPasswordSet: true });
    expect(JSON.stringify(read.body)).not.toContain('mail secret 1');
    const publicSettings = await client.call<any>('GET', '/api/settings/public');
    expect(Object.keys(publicSettings.body.data.settings).sort()).toEqual(['registrationOpen', 'siteDescription', 'siteName', 'supportEmail']);
    expect(publicSettings.body.data.settings.siteName).toBe('Game Night');
  });

  it('refuses unknown keys and wrong types with 400 and changes nothing', async () => {
    const before = await system.sql('select key, value from admin.settings order by key');
    for (const body of [
      { siteName: 'Changed', bogus: 1 },
      { siteName: 'Changed', smtpPort: '25' },
      { siteName: 'Changed', smtpPort: 70000 },
      { siteName: 'Changed', registrationOpen: 'yes' },
      { siteName: 'Changed', smtpSecurity: 'ssl' },
      { siteName: 'Changed', smtpSender: 'not an address' },
      { siteName: null },
    ]) {
      const response = await client.call<any>('PUT', '/api/admin/settings', { headers: keyHeaders(), body });
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('invalid_input');
    }
    expect(await system.sql('select key, value from admin.settings order by key')).toEqual(before);
  });

  it('GraphQL refuses a wrong type in the service too (400, nothing changes)', async () => {
    const response = await client.graphql<any>(
      'mutation { updateSettings(input: { siteName: "Changed", smtpSender: "nope" }) { siteName } }',
      {},
      adminHeaders(),
    );
    expect(response.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await system.sql<{ value: string }>(`select value from admin.settings where key = 'siteName'`))[0]!.value).toBe('Game Night');
  });

  it('null clears the password', async () => {
    const cleared = await client.call<any>('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpPassword: null } });
    expect(cleared.status).toBe(200);
    // Only the password changed: the other SMTP settings stay as P3 set them.
    expect(cleared.body.data.settings).toMatchObject({ smtpPasswordSet: false, smtpUser: 'mailer', smtpHost: '127.0.0.1' });
    const read = await client.call<any>('GET', '/api/admin/settings', { headers: keyHeaders() });
    expect(read.body.data.settings.smtpPasswordSet).toBe(false);
    const [row] = await system.sql<{ value: string | null }>(`select value from admin.settings where key = 'smtpPassword'`);
    expect(row?.value ?? null).toBeNull();
    const restored = await client.call<any>('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpPassword: 'mail secret 1' } });
    expect(restored.status).toBe(200);
    expect(restored.body.data.settings.smtpPasswordSet).toBe(true);
  });
});

describe('P4 POST /api/admin/settings/send-test-email', () => {
  it('delivers a message to the SMTP peer from the configured sender', async () => {
    delivered.length = 0;
    const response = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: adminHeaders(), body: { to: 'alice@example.org' } });
    expect(response.status).toBe(200);
    expect(response.body.data.mail).toMatchObject({
      to: 'alice@example.org',
      from: 'noreply@example.com',
      subject: 'Test email from Game Night',
      accepted: ['alice@example.org'],
    });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ from: 'noreply@example.com', to: ['alice@example.org'], user: 'mailer' });
    expect(delivered[0]!.data).toMatch(/^Subject: Test email from Game Night$/m);
    expect(delivered[0]!.data).toMatch(/^From: noreply@example\.com$/m);
  });

  it('works with a settings:write key', async () => {
    delivered.length = 0;
    const response = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: keyHeaders(), body: { to: 'bob@example.org' } });
    expect(response.status).toBe(200);
    expect(response.body.data.mail).toMatchObject({ to: 'bob@example.org', accepted: ['bob@example.org'] });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ to: ['bob@example.org'] });
  });

  it('a bad address is 400 naming the field', async () => {
    const response = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: keyHeaders(), body: { to: 'not-an-address' } });
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({ code: 'invalid_input', message: 'to must be an email address' });
    const missing = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: keyHeaders(), body: {} });
    expect(missing.status).toBe(400);
  });

  it('a recipient the server refuses is 400 with the server answer', async () => {
    const response = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: keyHeaders(), body: { to: 'ghost@refused.test' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^The mail server refused the message: .*550/);
  });

  it('wrong SMTP credentials are 400 naming the cause', async () => {
    expect((await client.call('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpPassword: 'wrong password' } })).status).toBe(200);
    const response = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: keyHeaders(), body: { to: 'alice@example.org' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^The mail server rejected the credentials/);
    expect((await client.call('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpPassword: 'mail secret 1' } })).status).toBe(200);
  });

  it('an unreachable server is 503, a silent one times out (503)', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await client.call('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpPort: closedPort } });
    const refused = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: keyHeaders(), body: { to: 'alice@example.org' } });
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'service_unavailable', message: expect.stringMatching(/^The mail server is unreachable/) });
    await client.call('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpPort: silentPort } });
    const silentAnswer = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: keyHeaders(), body: { to: 'alice@example.org' } });
    expect(silentAnswer.status).toBe(503);
    // The configured SMTP_TIMEOUT_MS (400, not the 10 s default) is the one that gave up.
    expect(silentAnswer.body.error.message).toMatch(/^The mail server timed out after 400 ms: /);
    await client.call('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpPort } });
  });

  it('mail not configured is 400', async () => {
    await client.call('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpHost: null } });
    const response = await client.call<any>('POST', '/api/admin/settings/send-test-email', { headers: keyHeaders(), body: { to: 'alice@example.org' } });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('Mail is not configured: set smtpHost first');
    await client.call('PUT', '/api/admin/settings', { headers: keyHeaders(), body: { smtpHost: '127.0.0.1' } });
  });
});

describe('permissions', () => {
  it.each([
    { id: 'P2', method: 'GET', path: '/api/admin/settings', write: false },
    { id: 'P3', method: 'PUT', path: '/api/admin/settings', body: { siteDescription: 'x' }, write: true },
    { id: 'P4', method: 'POST', path: '/api/admin/settings/send-test-email', body: { to: 'alice@example.org' }, write: true },
  ])('$id $method $path', async (endpoint) => {
    await checkPlatformPermissions(client, callers, endpoint);
  });

  it('never logs or returns the SMTP password', () => {
    expect(client.logLines.join('\n')).not.toContain('mail secret 1');
    expect(client.responses.map((response) => response.text).join('\n')).not.toContain('mail secret 1');
  });
});
