import { writeFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { printSchema } from 'graphql';
import { projectPath } from '../common/paths';
import { loadSupergraphSdl } from '../gateway/server';

/** The published client schema: schema/api.graphql. */
export const API_SCHEMA_PATH = projectPath('schema', 'api.graphql');

/**
 * The schema clients see: the supergraph's API schema, as the gateway builds
 * it (federation's join/link machinery and @inaccessible fields removed).
 * Frontends point graphql-codegen and Apollo tooling at this file.
 */
export function apiSchemaSdl(supergraphSdl: string = loadSupergraphSdl()): string {
  const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return `# The client-facing GraphQL API of the gateway (/graphql). Generated from\n# schema/supergraph.graphql by \`npm run schema:api\`: do not edit.\n\n${printSchema(apiSchema)}\n`;
}

// `npm run schema:api`: rewrites schema/api.graphql from schema/supergraph.graphql.
if (require.main === module) {
  try {
    writeFileSync(API_SCHEMA_PATH, apiSchemaSdl());
    console.log('wrote schema/api.graphql');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
