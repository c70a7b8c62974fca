import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { IDE_ASSET_PREFIX, registerGraphqlIde } from '../gateway/graphiql/routes';

/**
 * The IDE page while its bundle is absent, being built (npm start bundles it
 * after ready into `<dir>.building`, scripts/launch.js) and there: the gateway
 * notices a bundle that arrives after it started, without a restart.
 */
let root: string;
let assetDir: string;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'playroom-ide-'));
  assetDir = path.join(root, 'graphiql');
  app = Fastify();
  const ide = registerGraphqlIde(app, assetDir);
  app.get('/graphql', (_request, reply) => ide.sendPage(reply));
  // A real listener: Fastify's inject() needs an ES-only module Jest cannot load.
  base = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app.close();
  await rm(root, { recursive: true, force: true });
});

const get = async (url: string) => {
  const response = await fetch(`${base}${url}`);
  return { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
};
const page = () => get('/graphql');

test('not built, being built, then served once the bundle is moved into place', async () => {
  const absent = await page();
  expect(absent.statusCode).toBe(503);
  expect(absent.body).toContain('The GraphQL IDE is not built in this installation');
  expect(absent.headers['retry-after']).toBeUndefined();

  await mkdir(`${assetDir}.building`);
  const building = await page();
  expect(building.statusCode).toBe(503);
  expect(building.body).toContain('The GraphQL IDE is being built');
  expect(building.body).toContain('<meta http-equiv="refresh"');
  expect(building.headers['retry-after']).toBe('2');
  expect((await get(`${IDE_ASSET_PREFIX}ide.js`)).statusCode).toBe(404);

  await writeFile(path.join(`${assetDir}.building`, 'ide.js'), 'export {};\n');
  await writeFile(path.join(`${assetDir}.building`, 'ide.css'), 'body {}\n');
  await rm(assetDir, { recursive: true, force: true });
  await rename(`${assetDir}.building`, assetDir);
  const built = await page();
  expect(built.statusCode).toBe(200);
  expect(built.body).toContain(`${IDE_ASSET_PREFIX}ide.js`);
  const script = await get(`${IDE_ASSET_PREFIX}ide.js`);
  expect(script.statusCode).toBe(200);
  expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  expect(script.body).toBe('export {};\n');
  expect((await get(`${IDE_ASSET_PREFIX}other.js`)).statusCode).toBe(404);
});
