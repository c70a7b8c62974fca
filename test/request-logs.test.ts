import { Writable } from 'node:stream';
import pino from 'pino';
import { requestLogLevelFrom } from '../common/config';
import { createHttpApp, listen } from '../common/http-app';

/** A Fastify app of every process (common/http-app.ts) logging into memory at `level`. */
async function appLogging(level: string, requestLogLevel?: 'debug' | 'info' | 'off') {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = createHttpApp({ logger: pino({ level }, sink), ...(requestLogLevel ? { requestLogLevel } : {}) });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/broken', async () => {
    throw new Error('broken on purpose');
  });
  const port = await listen(app, '127.0.0.1', 0, 'test app');
  const get = async (path: string, headers: Record<string, string> = {}) => (await fetch(`http://127.0.0.1:${port}${path}`, { headers })).status;
  return { app, lines, get };
}

describe('request log lines', () => {
  it('writes none at the default LOG_LEVEL (info): requests log at debug unless REQUEST_LOG_LEVEL says otherwise', async () => {
    const { app, lines, get } = await appLogging('info');
    for (let i = 0; i < 5; i += 1) expect(await get('/ok')).toBe(200);
    expect(await get('/nowhere')).toBe(404);
    await app.close();
    expect(lines.filter((line) => line.reqId !== undefined)).toEqual([]);
  });

  it('writes one line per request at REQUEST_LOG_LEVEL=info, with method, URL, status and time', async () => {
    const { app, lines, get } = await appLogging('info', 'info');
    expect(await get('/ok', { 'x-request-id': 'one-request' })).toBe(200);
    await app.close();
    const tagged = lines.filter((line) => line.reqId === 'one-request');
    expect(tagged).toHaveLength(1);
    expect(tagged[0]).toMatchObject({ level: 30, msg: 'request', method: 'GET', url: '/ok', statusCode: 200 });
    expect(typeof tagged[0]!.ms).toBe('number');
  });

  it('always logs a failed request as an error, even with request lines off', async () => {
    const { app, lines, get } = await appLogging('info', 'off');
    expect(await get('/broken', { 'x-request-id': 'failing' })).toBe(500);
    await app.close();
    const errors = lines.filter((line) => line.reqId === 'failing' && line.level === 50);
    expect(errors.length).toBeGreaterThan(0);
    expect(lines.some((line) => line.reqId === 'failing' && line.msg === 'request')).toBe(false);
  });

  it('refuses an unknown REQUEST_LOG_LEVEL with a line naming it', () => {
    expect(requestLogLevelFrom(undefined)).toBe('debug');
    expect(requestLogLevelFrom('info')).toBe('info');
    expect(() => requestLogLevelFrom('loud')).toThrow(/REQUEST_LOG_LEVEL must be one of off, trace, debug, info, warn, error, got "loud"/);
  });
});
