import type { Config } from '../common/config';

/** What `npm start` prints once everything is ready: where things are, and first-start credentials. */
export function bannerText(config: Config, gatewayUrl: string, bootstrap: Record<string, string>, embedded: boolean): string {
  const ws = gatewayUrl.replace(/^http/, 'ws');
  const lines = [
    '',
    'Playroom federation is running',
    `  GraphQL       ${gatewayUrl}/graphql`,
    `  GraphQL IDE   ${gatewayUrl}/graphql (open it in a browser)`,
    `  WebSocket     ${ws}/graphql   Owncast chat: ${ws}/entry`,
    `  REST          ${gatewayUrl}/api/...  ${gatewayUrl}/hosts  ${gatewayUrl}/sessions  ${gatewayUrl}/v1/...`,
    `  OpenAPI       ${gatewayUrl}/openapi.json`,
    ...(config.docsEnabled ? [`  API docs      ${gatewayUrl}/docs   ${gatewayUrl}/redoc`] : []),
    `  Metrics       ${gatewayUrl}/metrics (each subgraph on its own port too)`,
    `  Health        ${gatewayUrl}/healthz   ${gatewayUrl}/readyz`,
    `  Database      ${embedded ? `embedded PostgreSQL in ${config.embeddedPostgres.dataDir} (port ${config.embeddedPostgres.port})` : 'DATABASE_URL'}`,
  ];
  const created = Object.entries(bootstrap);
  if (created.length > 0) {
    lines.push('', 'Created on first start (shown once, stored only as hashes):');
    for (const [label, value] of created) lines.push(`  ${label.padEnd(16)}${value}`);
    if (bootstrap['stream key']) lines.push('  The stream key is also the password of the Owncast admin API (/api/admin/..., user "admin").');
  }
  lines.push('', 'Lost the admin password or the stream key? Run `npm run reset-credentials -- admin` or `-- stream-key`.', 'Ctrl-C stops everything.', '');
  return lines.join('\n');
}
