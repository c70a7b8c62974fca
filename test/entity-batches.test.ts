import { EntityBatches, selectionOf, type EntitiesResponse } from '../gateway/entity-batches';

/**
 * gateway/entity-batches.ts on its own: entity fetches of one scope and key
 * started in one turn go out as one request with each distinct
 * representation once, and each caller gets the answer it would have got
 * alone. The gateway-level check (one admin request for a query plan's
 * parallel user fetches) is in tickets-query-counts.test.ts.
 */

type Response = EntitiesResponse & { extensions?: Record<string, unknown> };

const user = (id: string) => ({ __typename: 'User', id });

/** A subgraph stand-in that answers each representation with its id in upper case, and records what it was sent. */
function subgraph() {
  const sent: unknown[][] = [];
  const send = async (representations: readonly unknown[]): Promise<Response> => {
    sent.push([...representations]);
    return { data: { _entities: representations.map((item) => ({ username: (item as { id: string }).id.toUpperCase() })) } };
  };
  return { sent, send };
}

describe('EntityBatches', () => {
  it('sends the fetches of one turn as one request, each distinct representation once, and gives each caller its own entities in its order', async () => {
    const batches = new EntityBatches<Response>();
    const { sent, send } = subgraph();
    const scope = {};
    const [owners, authors] = await Promise.all([
      batches.fetch(scope, 'User{username}', [user('ann'), user('bob')], send),
      batches.fetch(scope, 'User{username}', [user('bob'), user('cid'), user('ann')], send),
    ]);
    expect(sent).toEqual([[user('ann'), user('bob'), user('cid')]]);
    expect(owners.data?._entities).toEqual([{ username: 'ANN' }, { username: 'BOB' }]);
    expect(authors.data?._entities).toEqual([{ username: 'BOB' }, { username: 'CID' }, { username: 'ANN' }]);
  });

  it('hands a user in two answers two objects, so merging into one leaves the other as it was', async () => {
    const batches = new EntityBatches<Response>();
    const { send } = subgraph();
    const scope = {};
    const [first, second] = await Promise.all([batches.fetch(scope, 'k', [user('ann')], send), batches.fetch(scope, 'k', [user('ann')], send)]);
    const [mine] = first.data!._entities as Record<string, unknown>[];
    const [theirs] = second.data!._entities as Record<string, unknown>[];
    expect(mine).not.toBe(theirs);
    mine!.tickets = ['merged later'];
    expect(theirs).toEqual({ username: 'ANN' });
  });

  it('keeps different scopes (client operations) and different keys (selections) apart', async () => {
    const batches = new EntityBatches<Response>();
    const { sent, send } = subgraph();
    const one = {};
    const other = {};
    await Promise.all([
      batches.fetch(one, 'User{username}', [user('ann')], send),
      batches.fetch(other, 'User{username}', [user('bob')], send),
      batches.fetch(one, 'User{email}', [user('cid')], send),
    ]);
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(expect.arrayContaining([[user('ann')], [user('bob')], [user('cid')]]));
  });

  it('sends a fetch of a later turn in a request of its own', async () => {
    const batches = new EntityBatches<Response>();
    const { sent, send } = subgraph();
    const scope = {};
    await batches.fetch(scope, 'k', [user('ann')], send);
    await batches.fetch(scope, 'k', [user('bob')], send);
    expect(sent).toEqual([[user('ann')], [user('bob')]]);
  });

  it('gives each caller the errors at its own entities, renumbered, and errors of the whole request to all', async () => {
    const batches = new EntityBatches<Response>();
    const scope = {};
    const send = async (representations: readonly unknown[]): Promise<Response> => ({
      data: { _entities: representations.map((item) => ((item as { id: string }).id === 'bob' ? null : { username: 'x' })) },
      errors: [
        { message: 'bob is hidden', path: ['_entities', representations.findIndex((item) => (item as { id: string }).id === 'bob'), 'username'] },
        { message: 'something about the request' } as { message: string; path?: (string | number)[] },
      ],
      extensions: { note: 'kept' },
    });
    const [withoutBob, withBob] = await Promise.all([
      batches.fetch(scope, 'k', [user('ann')], send),
      batches.fetch(scope, 'k', [user('cid'), user('bob')], send),
    ]);
    expect(withoutBob.errors).toEqual([{ message: 'something about the request' }]);
    expect(withBob.errors).toEqual([{ message: 'bob is hidden', path: ['_entities', 1, 'username'] }, { message: 'something about the request' }]);
    expect(withBob.data?._entities).toEqual([{ username: 'x' }, null]);
    expect(withBob.extensions).toEqual({ note: 'kept' });
  });

  it('gives a caller that asked for one user twice the error at both places and two objects', async () => {
    const batches = new EntityBatches<Response>();
    const scope = {};
    const send = async (representations: readonly unknown[]): Promise<Response> => {
      const error = { message: 'ann is odd', path: ['_entities', representations.findIndex((item) => (item as { id: string }).id === 'ann'), 'username'] };
      return { data: { _entities: representations.map(() => ({ username: 'x' })) }, errors: [error] };
    };
    const [, twice] = await Promise.all([
      batches.fetch(scope, 'k', [user('cid')], send),
      batches.fetch(scope, 'k', [user('ann'), user('bob'), user('ann')], send),
    ]);
    expect(twice.errors).toEqual([
      { message: 'ann is odd', path: ['_entities', 0, 'username'] },
      { message: 'ann is odd', path: ['_entities', 2, 'username'] },
    ]);
    const entities = twice.data!._entities as unknown[];
    expect(entities).toEqual([{ username: 'x' }, { username: 'x' }, { username: 'x' }]);
    expect(entities[0]).not.toBe(entities[2]);
  });

  it('fails every caller of a batch whose request failed', async () => {
    const batches = new EntityBatches<Response>();
    const scope = {};
    const send = () => Promise.reject(new Error('subgraph away'));
    const outcomes = await Promise.allSettled([batches.fetch(scope, 'k', [user('ann')], send), batches.fetch(scope, 'k', [user('bob')], send)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  });
});

describe('selectionOf', () => {
  const fetchOf = (name: string) => `query ${name}($representations:[_Any!]!){_entities(representations:$representations){...on User{username}}}`;

  it('gives fetches that differ only in the name the plan gave them one key', () => {
    expect(selectionOf(fetchOf('Heavy__admin__2'), 'Heavy__admin__2')).toBe(selectionOf(fetchOf('Heavy__admin__5'), 'Heavy__admin__5'));
  });

  it('keeps different selections apart, and leaves a document alone whose name is not the one given', () => {
    const other = 'query Heavy__admin__5($representations:[_Any!]!){_entities(representations:$representations){...on User{email}}}';
    expect(selectionOf(fetchOf('Heavy__admin__2'), 'Heavy__admin__2')).not.toBe(selectionOf(other, 'Heavy__admin__5'));
    // A name that is only the start of the document's own name is not it.
    expect(selectionOf(fetchOf('Heavy__admin__25'), 'Heavy__admin__2')).toBe(fetchOf('Heavy__admin__25'));
    expect(selectionOf(fetchOf('Heavy__admin__2'), undefined)).toBe(fetchOf('Heavy__admin__2'));
  });
});
