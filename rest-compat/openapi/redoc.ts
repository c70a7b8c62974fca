import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { projectPath } from '../../common/paths';
import { selfOnlyPagePolicy } from '../../common/content-security-policy';

/**
 * /redoc: the OpenAPI document rendered by Redoc, from the bundle
 * `npm run build` copies into dist/redoc/ (scripts/build-redoc.js), so the
 * page loads nothing from another site.
 */
export const REDOC_ASSET_DIR = projectPath('dist', 'redoc');
const BUNDLE = 'redoc.standalone.js';

// Only this origin's files and document. Redoc sets inline styles, runs its search in a blob: worker
// and links a logo on its own CDN, which this policy blocks (Redoc then hides it).
const CONTENT_SECURITY_POLICY = selfOnlyPagePolicy({ workerSrc: ['blob:'] });

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>REST API reference · Playroom</title>
<style>body { margin: 0; }</style>
</head>
<body>
<redoc spec-url="/openapi.json" hide-hostname="true"></redoc>
<script src="/redoc/${BUNDLE}"></script>
</body>
</html>
`;

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Redoc not built</title></head>
<body><h1>The Redoc page is not built in this installation</h1>
<p>Run <code>npm run build</code> (it copies Redoc into <code>dist/redoc/</code>) and restart the gateway.
The document itself is at <a href="/openapi.json">/openapi.json</a>, and Swagger UI at /docs.</p></body></html>
`;

export function registerRedoc(app: FastifyInstance, assetDir: string = REDOC_ASSET_DIR): void {
  const bundle = path.join(assetDir, BUNDLE);
  const built = existsSync(bundle);
  app.get('/redoc', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .code(built ? 200 : 503)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .send(built ? PAGE : NOT_BUILT),
  );
  if (!built) return;
  app.get(`/redoc/${BUNDLE}`, { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(createReadStream(bundle)),
  );
}
