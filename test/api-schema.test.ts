import { readFileSync } from 'node:fs';
import { buildSchema } from 'graphql';
import { API_SCHEMA_PATH, apiSchemaSdl } from '../scripts/api-schema';

/** schema/api.graphql is the client schema frontends generate code from; it must match the supergraph. */
describe('published API schema', () => {
  it('schema/api.graphql is the API schema of schema/supergraph.graphql (run `npm run schema:api`)', () => {
    expect(readFileSync(API_SCHEMA_PATH, 'utf8')).toBe(apiSchemaSdl());
  });

  it('has no federation internals and no @inaccessible fields', () => {
    const sdl = readFileSync(API_SCHEMA_PATH, 'utf8');
    const schema = buildSchema(sdl);
    expect(sdl).not.toMatch(/join__|link__|@link|@inaccessible|_Service|_entities/);
    // Internal credential resolution is @inaccessible in the admin subgraph: clients never see it.
    expect(Object.keys(schema.getQueryType()!.getFields())).not.toContain('resolveCredential');
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['me', 'publicSettings']));
  });
});
