import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { projectPath } from '../common/paths';
import { completeEvent, planSubscription, PlanRefused } from '../gateway/subscription-plan';
import { routingFromSupergraph } from '../gateway/subscriptions';

/** The gateway's subscription planner on the real supergraph: foreign entity fields are fetched in one batch per subgraph. */
const supergraphSdl = readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8');
const apiSchema: GraphQLSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
const routing = routingFromSupergraph(supergraphSdl);

function plan(query: string) {
  const document = parse(query);
  return planSubscription(apiSchema, document, getOperationAST(document)!, 'streaming', routing);
}

describe('planSubscription', () => {
  it('asks the owner for keys instead of foreign fields and fetches those from their subgraph', () => {
    const planned = plan('subscription { chatEvents { type message { id author { id username } } user { username } } }');
    expect(planned.ownerQuery.replace(/\s+/g, ' ')).toContain('author { id __gw_typename: __typename __gw_key_id: id }');
    expect(planned.fetches.map((point) => [point.path.join('.'), point.graph])).toEqual([
      ['chatEvents.message.author', 'admin'],
      ['chatEvents.user', 'admin'],
    ]);
    // Both references go to admin in one query.
    expect(planned.entityFetches).toHaveLength(1);
    expect(planned.entityFetches[0]!.query).toContain('f0: _entities(representations: $__r0) { ... on User { username } }');
    expect(planned.entityFetches[0]!.query).toContain('f1: _entities(representations: $__r1)');
  });

  it("needs no fetch when every field is the owner's", () => {
    expect(plan('subscription { chatEvents { type message { author { id } } } }').fetches).toEqual([]);
  });

  it('refuses reserved aliases', () => {
    expect(() => plan('subscription { chatEvents { __gw_x: type } }')).toThrow(PlanRefused);
  });

  it('merges one batched answer per subgraph into the event and removes the reserved fields', async () => {
    const planned = plan('subscription { chatEvents { message { author { username } } user { id username } } }');
    const calls: { graph: string; variables: Record<string, unknown> }[] = [];
    const completed = await completeEvent(
      planned,
      {
        data: {
          chatEvents: {
            message: { author: { __gw_typename: 'User', __gw_key_id: 'u1' } },
            user: { id: 'u2', __gw_typename: 'User', __gw_key_id: 'u2' },
          },
        },
      },
      {},
      async (graph, _query, variables) => {
        calls.push({ graph, variables });
        return { data: { f0: [{ username: 'one' }], f1: [{ username: 'two' }] } };
      },
    );
    expect(calls).toEqual([{ graph: 'admin', variables: { __r0: [{ __typename: 'User', id: 'u1' }], __r1: [{ __typename: 'User', id: 'u2' }] } }]);
    expect(completed).toEqual({ data: { chatEvents: { message: { author: { username: 'one' } }, user: { id: 'u2', username: 'two' } } } });
  });

  it('sets an entity the subgraph could not resolve to null, with the error', async () => {
    const planned = plan('subscription { chatEvents { message { author { username } } } }');
    const completed = await completeEvent(
      planned,
      { data: { chatEvents: { message: { author: { __gw_typename: 'User', __gw_key_id: 'u1' } } } } },
      {},
      async () => ({ data: { f0: [null] }, errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] }),
    );
    expect(completed.data).toEqual({ chatEvents: { message: { author: null } } });
    expect(completed.errors).toEqual([expect.objectContaining({ message: 'Not found', path: ['chatEvents', 'message', 'author'] })]);
  });
});
