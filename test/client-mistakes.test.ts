import { readFileSync } from 'node:fs';
import { ApolloGateway } from '@apollo/gateway';
import { projectPath } from '../common/paths';
import { uncheckedScalars } from '../gateway/scalar-inputs';
import { postGraphQL, requestJson, type GraphQLBody, type JsonResponse } from './support/http';
import { useSystem } from './support/system';

/**
 * Mistakes in what a GraphQL client sends are answered as its mistake: HTTP
 * 400, BAD_USER_INPUT and a sentence saying what was wrong, never a masked
 * internal error, and nothing reaches a subgraph.
 */
const system = useSystem();

const graphqlUrl = () => `${system.gatewayUrl}/graphql`;

function post(body: Record<string, unknown>): Promise<JsonResponse<GraphQLBody>> {
  return requestJson<GraphQLBody>(graphqlUrl(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function expectBadInput(response: JsonResponse<GraphQLBody>, message: RegExp): void {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  const [error] = response.body.errors!;
  expect(error!.extensions?.code).toBe('BAD_USER_INPUT');
  expect(error!.message).toMatch(message);
  // Says what was wrong in its own words: no library or framework names.
  expect(error!.message).not.toMatch(/apollo|graphql-|federation|gateway/i);
}

beforeEach(() => system.resetQueryLog());
/** The subgraphs ran no SQL: the mistake was caught at the gateway. */
const nothingRan = () => expect(Object.values(system.queries).flat()).toEqual([]);

describe('malformed scalar values', () => {
  it('an inline non-UUID literal is BAD_USER_INPUT naming the type and value', async () => {
    const response = await postGraphQL(graphqlUrl(), '{ publicSettings { siteName } resource(id: "not-a-uuid") { id } }');
    expectBadInput(response, /Expected value of type "UUID!", found "not-a-uuid"; Value is not a valid UUID/);
    nothingRan();
  });

  it('the same value as a variable is refused at the gateway too', async () => {
    const response = await postGraphQL(graphqlUrl(), 'query ($id: UUID!) { resource(id: $id) { id } }', { id: 'not-a-uuid' });
    expectBadInput(response, /Variable "\$id" got invalid value "not-a-uuid"; Value is not a valid UUID/);
    nothingRan();
  });

  it('a mutation with a malformed e-mail literal is refused and writes nothing', async () => {
    const before = await system.sql<{ count: string }>('select count(*)::text as count from admin.users');
    const response = await postGraphQL(
      graphqlUrl(),
      'mutation { register(email: "not-an-address", username: "someone", password: "long enough password") { __typename } }',
    );
    expectBadInput(response, /Expected value of type "EmailAddress!", found "not-an-address"/);
    expect(await system.sql('select count(*)::text as count from admin.users')).toEqual(before);
  });

  it('a well-formed UUID literal still runs', async () => {
    const response = await postGraphQL(graphqlUrl(), '{ publicSettings { siteName } resource(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(response.body.errors?.map((error) => error.extensions?.code) ?? []).not.toContain('INTERNAL_SERVER_ERROR');
    expect(response.body.data?.publicSettings).toEqual({ siteName: expect.any(String) });
  });

  it("every custom scalar of the supergraph has the subgraphs' input check at the gateway", async () => {
    const gateway = new ApolloGateway({ supergraphSdl: readFileSync(projectPath('schema', 'supergraph.graphql'), 'utf8') });
    const { schema } = await gateway.load();
    try {
      expect(uncheckedScalars(schema)).toEqual([]);
    } finally {
      await gateway.stop();
    }
  });
});

describe('operations the gateway cannot pick or run', () => {
  it('an unknown operationName', async () => {
    expectBadInput(await post({ query: 'query First { __typename }', operationName: 'Second' }), /no operation named "Second"/);
  });

  it('two operations and no operationName', async () => {
    expectBadInput(await post({ query: 'query First { __typename } query Second { __typename }' }), /2 operations: name the one to run in operationName/);
  });

  it('a subscription over HTTP', async () => {
    expectBadInput(await post({ query: 'subscription { streamStatus { __typename } }' }), /Subscriptions are served over WebSocket/);
    nothingRan();
  });

  it('naming one of two operations runs it', async () => {
    const response = await post({ query: 'query First { __typename } query Second { publicSettings { siteName } }', operationName: 'Second' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { publicSettings: { siteName: expect.any(String) } } });
  });
});
