import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES } from '../common/config';
import { PROJECT_ROOT } from '../common/paths';
import { loadSubgraphSdl } from '../common/subgraph-server';
import { loadSupergraphSdl } from '../gateway/server';
import { composeSupergraph } from '../scripts/compose-supergraph';

describe('schema/', () => {
  it('the subgraph SDLs compose, and schema/supergraph.graphql is what they compose to (run `npm run compose`)', () => {
    expect(loadSupergraphSdl()).toBe(composeSupergraph());
  });

  it('each subgraph SDL builds as a federation subgraph', () => {
    for (const name of SUBGRAPH_NAMES) {
      expect(() => buildSubgraphSchema({ typeDefs: parse(loadSubgraphSdl(name)) })).not.toThrow();
    }
  });

  it('the generated resolver types match the SDL (run `npm run codegen`)', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/check-codegen.ts'], { cwd: PROJECT_ROOT });
    expect(stdout).toContain(`${SUBGRAPH_NAMES.length} generated files are up to date`);
  });
});
