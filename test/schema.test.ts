import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { isObjectType, Kind, parse } from 'graphql';
import { SUBGRAPH_NAMES } from '../common/config';
import { PROJECT_ROOT } from '../common/paths';
import { loadSubgraphSdl } from '../common/subgraph-server';
import { loadSupergraphSdl } from '../gateway/server';
import { composeSupergraph } from '../scripts/compose-supergraph';
import { TYPED_REST_FAMILIES } from '../codegen';

describe('schema/', () => {
  it('the subgraph SDLs compose, and schema/supergraph.graphql is what they compose to (run `npm run compose`)', () => {
    expect(loadSupergraphSdl()).toBe(composeSupergraph());
  });

  it('each subgraph SDL builds as a federation subgraph with every type and root field it declares', () => {
    for (const name of SUBGRAPH_NAMES) {
      const document = parse(loadSubgraphSdl(name));
      const schema = buildSubgraphSchema({ typeDefs: document });
      // Federation adds _service (and _entities where there are @key types); nothing declared may be lost.
      expect(Object.keys(schema.getQueryType()?.getFields() ?? {})).toContain('_service');
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
        const type = schema.getType(definition.name.value);
        expect(type && isObjectType(type) ? type.name : `${name}: ${definition.name.value} missing`).toBe(definition.name.value);
        const fields = isObjectType(type) ? Object.keys(type.getFields()) : [];
        expect(fields).toEqual(expect.arrayContaining((definition.fields ?? []).map((field) => field.name.value)));
      }
    }
  });

  it('the generated resolver and REST operation types match the SDL and the routes (run `npm run codegen`)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/check-codegen.ts'], { cwd: PROJECT_ROOT });
    expect(stdout).toContain('generated files are up to date');
    for (const name of SUBGRAPH_NAMES) expect(stdout).toContain(`subgraphs/${name}/generated/resolvers-types.ts`);
    for (const family of TYPED_REST_FAMILIES) expect(stdout).toContain(`rest-compat/${family}/generated/graphql.ts`);
  });
});
