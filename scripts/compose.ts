import { writeFileSync } from 'node:fs';
import { projectPath } from '../common/paths';
import { composeSupergraph } from './compose-supergraph';

// `npm run compose`: rewrites schema/supergraph.graphql from schema/<subgraph>.graphql.
try {
  writeFileSync(projectPath('schema', 'supergraph.graphql'), composeSupergraph());
  console.log('wrote schema/supergraph.graphql');
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
