import { writeFileSync } from 'node:fs';
import { projectPath } from '../common/paths';
import { API_SCHEMA_PATH, apiSchemaSdl } from './api-schema';
import { composeSupergraph } from './compose-supergraph';

// `npm run compose`: rewrites schema/supergraph.graphql from schema/<subgraph>.graphql,
// and the client schema derived from it (schema/api.graphql, also `npm run schema:api`).
try {
  const supergraph = composeSupergraph();
  writeFileSync(projectPath('schema', 'supergraph.graphql'), supergraph);
  console.log('wrote schema/supergraph.graphql');
  writeFileSync(API_SCHEMA_PATH, apiSchemaSdl(supergraph));
  console.log('wrote schema/api.graphql');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
