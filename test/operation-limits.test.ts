import { postGraphQL } from './support/http';
import { startSystem, type TestSystem } from './support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system.stop());

async function refused(query: string, message: RegExp): Promise<void> {
  system.resetQueryLog();
  const response = await postGraphQL(`${system.gatewayUrl}/graphql`, query);
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.[0]?.message).toMatch(message);
  // Refused before planning: no subgraph ran anything.
  expect(Object.values(system.queries).flat()).toEqual([]);
}

const nested = (levels: number) =>
  `{ gameSession(id: 1) { host { ${'friends { edges { node { '.repeat(levels)}uuid${' } } }'.repeat(levels)} } } }`;

describe('operation limits at the gateway', () => {
  it('accepts an ordinary query', async () => {
    const response = await postGraphQL(`${system.gatewayUrl}/graphql`, '{ publicSettings { siteName } instanceDetails { name tags } }');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses a query 150 levels deep', () => refused(nested(50), /nested deeper than 12 levels/));

  it('refuses 5,000 aliases', () =>
    refused(`{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ')} }`, /tokens|aliases|root fields/));

  it('refuses aliased entity fetches past the root-field limit, long before 2,000', async () => {
    const fetches = Array.from({ length: 40 }, (_, i) => `s${i}: gameSession(id: ${i}) { id }`).join(' ');
    await refused(`{ ${fetches} }`, /more than 20 root fields/);
  });

  it('refuses too many aliases below the root', () =>
    refused(`{ publicSettings { ${Array.from({ length: 31 }, (_, i) => `a${i}: siteName`).join(' ')} } }`, /more than 30 aliases/));

  it('refuses a wide fan-out by its cost', () =>
    refused(
      `{ gameSession(id: 1) { host { friends(first: 100) { edges { node { friends(first: 100) { edges { node { banlist(first: 100) { edges { node { uuid } } } } } } } } } } } }`,
      /would cost \d+, more than the limit of 20000/,
    ));

  it('counts fragments and refuses too many directives', () =>
    refused(
      `query { ...F } fragment F on Query { ${Array.from({ length: 21 }, (_, i) => `f${i}: publicSettings @include(if: true) { siteName }`).join(' ')} }`,
      /root fields|directives/,
    ));

  it('refuses a document with too many tokens', () =>
    refused(`{ publicSettings { ${'siteName '.repeat(5000)} } }`, /more that 4000 tokens/));
});
