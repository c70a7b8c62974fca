import { buildSchema, Kind, parse, validate, visit, type SelectionNode, type ValidationRule } from 'graphql';
import { DEFAULT_OPERATION_LIMITS, operationLimitRules } from '../gateway/operation-limits';
import { postGraphQL, requestJson } from './support/http';
import { useSystem } from './support/system';
import { within } from './support/wait';
import { Sockets, wsUrl } from './support/ws';

const system = useSystem();
const sockets = new Sockets();
afterEach(() => sockets.closeAll());

async function refused(query: string, message: RegExp): Promise<void> {
  system.resetQueryLog();
  const response = await postGraphQL(`${system.gatewayUrl}/graphql`, query);
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.map((error) => error.message).join('\n')).toMatch(message);
  // Refused before planning: no subgraph ran anything.
  expect(Object.values(system.queries).flat()).toEqual([]);
}

const nested = (levels: number) => `{ gameSession(id: 1) { host { ${'friends { edges { node { '.repeat(levels)}uuid${' } } }'.repeat(levels)} } } }`;

/**
 * A chain of fragments each spreading the one before twice: under 1 KB of
 * text whose expansion has 2^levels fields. Measuring it by expanding every
 * spread takes exponential time and blocks the process.
 */
function fragmentChain(
  levels: number,
  rootType = 'Query',
  operation = 'query',
  first = '__typename',
  spreads = (previous: string) => `...${previous} ...${previous}`,
): string {
  const fragments = [`fragment F0 on ${rootType} { ${first} }`];
  for (let level = 1; level <= levels; level += 1) fragments.push(`fragment F${level} on ${rootType} { ${spreads(`F${level - 1}`)} }`);
  return `${fragments.join('\n')}\n${operation} { ...F${levels} }`;
}

/** A normal query, asked after a hostile one: the gateway still answers it. */
async function stillAnswers(): Promise<void> {
  const health = await requestJson(`${system.gatewayUrl}/healthz`);
  expect(health.status).toBe(200);
  const response = await postGraphQL(`${system.gatewayUrl}/graphql`, '{ publicSettings { siteName } }');
  expect(response.status).toBe(200);
  expect(response.body.errors).toBeUndefined();
}

/**
 * A parsed document whose selection sets count every read of their
 * `selections`: the work a validation rule does, in a unit that does not
 * depend on the machine's load. Past `budget` reads a read throws, so a
 * measure that expands every spread (2^levels reads) fails at once instead of
 * running for minutes.
 */
function countingReads(document: string, budgetPerSelectionSet: number) {
  const parsed = parse(document);
  let selectionSets = 0;
  let reads = 0;
  visit(parsed, {
    SelectionSet(node) {
      selectionSets += 1;
      const selections = node.selections;
      Object.defineProperty(node, 'selections', {
        get: () => {
          reads += 1;
          if (reads > selectionSets * budgetPerSelectionSet) throw new Error(`more than ${budgetPerSelectionSet} reads per selection set: not linear`);
          return selections;
        },
      });
    },
  });
  return { parsed, reads: () => reads, selectionSets: () => selectionSets };
}

describe('operation limits at the gateway', () => {
  it('accepts an ordinary query', async () => {
    const response = await postGraphQL(`${system.gatewayUrl}/graphql`, '{ publicSettings { siteName } instanceDetails { name tags } }');
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it('refuses a query 150 levels deep', () => refused(nested(50), /nested deeper than 12 levels/));

  it('refuses 5,000 aliases', () => refused(`{ ${Array.from({ length: 5000 }, (_, i) => `a${i}: __typename`).join(' ')} }`, /tokens|aliases|root fields/));

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

  it('refuses a document with too many tokens', () => refused(`{ publicSettings { ${'siteName '.repeat(5000)} } }`, /more that 4000 tokens/));
});

describe('a fragment chain (2^24 fields in under 1 KB)', () => {
  const chain = fragmentChain(24);

  it('is under 1 KB', () => {
    expect(Buffer.byteLength(chain)).toBeLessThan(1024);
  });

  // That the measure is linear (not how long it takes) is shown per rule below, by counting its work.
  it('is refused over HTTP before planning, and the gateway answers /healthz alongside and a query after', async () => {
    system.resetQueryLog();
    const [refusal, alive] = await Promise.all([postGraphQL(`${system.gatewayUrl}/graphql`, chain), requestJson(`${system.gatewayUrl}/healthz`)]);
    expect(refusal.status).toBe(400);
    expect(refusal.body.data).toBeUndefined();
    expect(refusal.body.errors?.map((error) => error.message).join('\n')).toMatch(/would cost 16777216, more than the limit of 20000|more than 20 root fields/);
    expect(alive.status).toBe(200);
    expect(Object.values(system.queries).flat()).toEqual([]);
    await stillAnswers();
  });

  it('is refused over WebSocket, and the gateway answers /healthz alongside and a query after', async () => {
    const { client } = sockets.graphql(wsUrl(system.gatewayUrl), { lazy: false });
    await within(new Promise<void>((resolve) => client.on('connected', () => resolve())), 'the WebSocket connection');
    const refusal = within(
      new Promise<readonly { message: string }[]>((resolve, reject) => {
        client.subscribe(
          { query: fragmentChain(24, 'Subscription', 'subscription') },
          {
            next: () => reject(new Error('the chain was executed')),
            error: (error) => (Array.isArray(error) ? resolve(error as { message: string }[]) : reject(error)),
            complete: () => reject(new Error('the chain completed without a refusal')),
          },
        );
      }),
      'the refusal of the fragment chain',
      60_000,
    );
    const [outcome, alive] = await Promise.all([refusal, requestJson(`${system.gatewayUrl}/healthz`)]);
    expect(outcome.map((error) => error.message).join('\n')).toMatch(/would cost .*more than the limit of 20000|more than 20 root fields/);
    expect(alive.status).toBe(200);
    await stillAnswers();
  });
});

describe('each limit alone, on a fragment chain that breaks it', () => {
  // A small schema of its own: each rule is run alone, so that every limit (not only
  // the first to refuse) is shown to measure the chain without expanding it.
  const schema = buildSchema('type Query { leaf: String node: Query }');
  const rules = operationLimitRules(DEFAULT_OPERATION_LIMITS);
  const [depthRule, aliasesRule, directivesRule, costAndRootFieldsRule] = rules;
  const cases = [
    {
      limit: 'depth',
      rule: depthRule,
      message: /nested deeper than 12 levels/,
      document: fragmentChain(24, 'Query', 'query', 'leaf', (previous) => `node { ...${previous} ...${previous} }`),
    },
    { limit: 'aliases', rule: aliasesRule, message: /more than 30 aliases/, document: fragmentChain(24, 'Query', 'query', 'alias: leaf') },
    { limit: 'directives', rule: directivesRule, message: /more than 20 directives/, document: fragmentChain(24, 'Query', 'query', 'leaf @include(if: true)') },
    {
      limit: 'root fields and cost',
      rule: costAndRootFieldsRule,
      message: /more than 20 root fields[^]*would cost 16777216, more than the limit of 20000/,
      document: fragmentChain(24),
    },
    // 2^60 fields: past exact integers, the refusal names the limit without a figure.
    { limit: 'cost past 2^53', rule: costAndRootFieldsRule, message: /would cost more than the limit of 20000/, document: fragmentChain(60) },
  ];

  // Work is counted, not timed: each rule reads each selection set a few times (about 3 to 4 today),
  // where expanding every spread would read the first fragment's 2^levels times.
  const READS_PER_SELECTION_SET = 6;

  it.each(cases)('$limit: refused, reading each selection set a bounded number of times', ({ rule, message, document }) => {
    expect(rule).toBeDefined();
    const counted = countingReads(document, READS_PER_SELECTION_SET);
    const errors = validate(schema, counted.parsed, [rule!]);
    expect(errors.map((error) => error.message).join('\n')).toMatch(message);
    expect(counted.reads()).toBeGreaterThan(0);
    expect(counted.reads()).toBeLessThanOrEqual(counted.selectionSets() * READS_PER_SELECTION_SET);
  });

  it('the read count fails a measure that expands every spread', () => {
    // The old measure, for the check itself: without memoising, the depth of F24 reads F0 2^24 times.
    const expanding: ValidationRule = (context) => {
      const depth = (selections: readonly SelectionNode[]): number =>
        Math.max(0, ...selections.map((s) => (s.kind === Kind.FRAGMENT_SPREAD ? depth(context.getFragment(s.name.value)!.selectionSet.selections) : 1)));
      return { OperationDefinition: (operation) => void depth(operation.selectionSet.selections) };
    };
    const counted = countingReads(fragmentChain(24), READS_PER_SELECTION_SET);
    expect(() => validate(schema, counted.parsed, [expanding])).toThrow(/not linear/);
  });
});

describe('the REST layer', () => {
  // REST clients send no GraphQL: each route runs a fixed operation with the client's
  // values as variables, so no REST path can carry a fragment chain. What this shows is
  // that those operations pass the same limits (here lowered until a real route breaks one).
  it("runs its operations through the same limits, refused in the family's shape", async () => {
    const gateway = await system.extraGateway({ operationLimits: { ...DEFAULT_OPERATION_LIMITS, maxDepth: 2 } });
    // Owncast's GET /api/config asks for instanceDetails { socialHandles { platform } ... }: three levels.
    const config = await requestJson<{ success: boolean; message: string }>(`${gateway.url}/api/config`);
    expect(config.status).toBe(400);
    expect(config.body).toEqual({ success: false, message: 'Operation is nested deeper than 2 levels' });
    // The default limits let the same route through.
    const allowed = await requestJson(`${system.gatewayUrl}/api/config`);
    expect(allowed.status).toBe(200);
  });
});
