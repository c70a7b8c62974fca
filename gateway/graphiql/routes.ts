import { createReadStream, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { selfOnlyPagePolicy } from '../../common/content-security-policy';
import { IDE_ASSET_DIR } from './assets';

/**
 * The GraphQL IDE: a browser that opens /graphql (GET, Accept: text/html,
 * no query) gets GraphiQL, served from the bundle `npm run build` made
 * (scripts/build-graphiql.ts) under /graphql/ide/. Every other request to
 * /graphql is GraphQL.
 */
export const IDE_ASSET_PREFIX = '/graphql/ide/';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

// The page loads only its own files and talks only to this origin; Monaco sets inline styles and
// loads its icon font; no other site may frame the page.
const CONTENT_SECURITY_POLICY = selfOnlyPagePolicy();

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphQL IDE · Playroom</title>
<link rel="stylesheet" href="${IDE_ASSET_PREFIX}ide.css">
<style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="graphiql">Loading the GraphQL IDE…</div>
<script type="module" src="${IDE_ASSET_PREFIX}ide.js"></script>
</body>
</html>
`;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GraphQL IDE not built</title></head>
<body><h1>The GraphQL IDE is not built in this installation</h1>
<p>Run <code>npm run build</code> (it bundles the IDE into <code>dist/graphiql/</code>) and reload this page.
GraphQL requests to this URL work without it.</p></body></html>
`;

// npm start bundles the IDE in the background on a first start (scripts/launch.js): the page says so and reloads itself.
const BEING_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>GraphQL IDE being built</title></head>
<body><h1>The GraphQL IDE is being built</h1>
<p><code>npm start</code> bundles it once, in the background, after a fresh clone or an update (a few seconds);
this page reloads itself until it is there. GraphQL requests to this URL work meanwhile.
If this page stays, run <code>npm run build</code>.</p></body></html>
`;

/** Whether a request to /graphql is a browser opening the page (not a GraphQL request over GET). */
export function wantsIde(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const query = request.query as Record<string, unknown> | undefined;
  if (query && 'query' in query) return false;
  const accept = request.headers.accept ?? '';
  return accept.split(',').some((type) => type.trim().toLowerCase().startsWith('text/html'));
}

export interface GraphqlIde {
  /** Answers a request wantsIde() accepted. */
  sendPage(reply: FastifyReply): FastifyReply;
}

/**
 * Serves the IDE's bundled files (only the ones the build produced) and returns the page sender.
 * The bundle may arrive after the gateway started (npm start builds it into `<assetDir>.building`
 * and moves it into place), so its absence is checked again on each request until it is there.
 */
export function registerGraphqlIde(app: FastifyInstance, assetDir: string = IDE_ASSET_DIR): GraphqlIde {
  let files: Map<string, string> | undefined;
  const builtFiles = (): Map<string, string> | undefined => {
    if (files || !existsSync(path.join(assetDir, 'ide.js'))) return files;
    files = new Map();
    for (const name of readdirSync(assetDir)) {
      const type = CONTENT_TYPES[path.extname(name)];
      if (type) files.set(name, type);
    }
    return files;
  };
  app.get<{ Params: { file: string } }>(`${IDE_ASSET_PREFIX}:file`, { schema: { hide: true } }, async (request, reply) => {
    const type = builtFiles()?.get(request.params.file);
    if (!type) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    // The bundle changes only with a new build (npm run build, or npm start after an update).
    return reply
      .type(type)
      .header('cache-control', 'public, max-age=3600')
      .send(createReadStream(path.join(assetDir, request.params.file)));
  });
  return {
    sendPage: (reply) => {
      const built = builtFiles() !== undefined;
      const building = !built && existsSync(`${assetDir}.building`);
      if (building) reply.header('retry-after', '2');
      const page = built ? PAGE : building ? BEING_BUILT : NOT_BUILT;
      return reply
        .code(built ? 200 : 503)
        .type('text/html; charset=utf-8')
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-cache')
        .send(page);
    },
  };
}
