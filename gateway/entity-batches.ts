/**
 * Entity fetches that one client operation makes to one subgraph with the
 * same selection, started in the same turn of the event loop, go out as one
 * `_entities` request. A query plan often asks a subgraph for the same type
 * from several places at once: the Q1 bench query asks the admin subgraph for
 * `User { username }` of the tickets' owners and of their messages' authors
 * in two parallel fetches, and, when the chat messages arrive in the same
 * turn, of their authors too. Each subgraph request costs its fixed
 * overhead (HTTP, parsing, context, a verification) whatever it carries, so
 * these are merged: the representations of every member, each distinct one
 * once, in one request, whose answer is split back by position. As Hive
 * Gateway's batched execution does, but only where the selections are the
 * same, so no document is rewritten.
 *
 * Only what a batch's members share may decide it: the caller passes the
 * client operation's context as `scope` and a `key` holding the document
 * (selectionOf) and every variable but `representations`.
 */

/**
 * A fetch's document without its operation name. The gateway names every
 * fetch after the client operation and its place in the plan
 * (`Heavy__admin__2`, `Heavy__admin__5`), so for a named client operation
 * fetches with the same selection differ in that name alone; which of the
 * names the batch goes out under matters to nobody but the subgraph's logs.
 */
export function selectionOf(query: string, operationName: string | null | undefined): string {
  const named = operationName ? `query ${operationName}` : undefined;
  return named && query.startsWith(named) && !/[_0-9A-Za-z]/.test(query.charAt(named.length)) ? `query${query.slice(named.length)}` : query;
}

/** The parts of a GraphQL response that a split touches; the rest (extensions, the HTTP answer) goes to every member. */
export interface EntitiesResponse {
  data?: { _entities?: unknown } | null;
  errors?: readonly { path?: readonly (string | number)[] }[];
}

interface Member<R> {
  representations: readonly unknown[];
  resolve(response: R): void;
  reject(error: unknown): void;
}

interface Batch<R> {
  members: Member<R>[];
  /** The first member's way to send: every member's would do the same (same scope and key). */
  send(representations: readonly unknown[]): Promise<R>;
}

export class EntityBatches<R extends EntitiesResponse> {
  private readonly open = new WeakMap<object, Map<string, Batch<R>>>();

  /**
   * This fetch's answer, as if it had been sent alone. `send` fetches the
   * given representations (the whole batch's, or this fetch's own) in one request.
   */
  fetch(scope: object, key: string, representations: readonly unknown[], send: (representations: readonly unknown[]) => Promise<R>): Promise<R> {
    let batches = this.open.get(scope);
    if (!batches) {
      batches = new Map();
      this.open.set(scope, batches);
    }
    const open = batches;
    let batch = open.get(key);
    if (!batch) {
      const started: Batch<R> = { members: [], send };
      batch = started;
      open.set(key, started);
      // Fetches of one plan step start in the same turn; the batch leaves once this turn's I/O is handled.
      setImmediate(() => {
        if (open.get(key) === started) open.delete(key);
        this.flush(started);
      });
    }
    const joined = batch;
    return new Promise<R>((resolve, reject) => joined.members.push({ representations, resolve, reject }));
  }

  private flush(batch: Batch<R>): void {
    const { members } = batch;
    if (members.length === 1) {
      const [only] = members as [Member<R>];
      batch.send(only.representations).then(only.resolve, only.reject);
      return;
    }
    // Each distinct representation once; `positions[m][i]` is where member m's i-th one went.
    const distinct: unknown[] = [];
    const indexOf = new Map<string, number>();
    const positions = members.map((member) =>
      member.representations.map((representation) => {
        const text = JSON.stringify(representation);
        let index = indexOf.get(text);
        if (index === undefined) {
          index = distinct.length;
          indexOf.set(text, index);
          distinct.push(representation);
        }
        return index;
      }),
    );
    batch.send(distinct).then(
      (response) => {
        const handedOut = new Set<number>();
        members.forEach((member, index) => member.resolve(splitFor(response, positions[index]!, distinct.length, handedOut)));
      },
      (error: unknown) => members.forEach((member) => member.reject(error)),
    );
  }
}

/**
 * One member's answer out of the batch's: its entities in its own order, and
 * the errors at those entities with the paths renumbered. Errors that name
 * no entity (the request as a whole failed) go to every member, as does an
 * answer whose `_entities` is not one entry per representation sent. An
 * entity already in another member's answer (`handedOut`) is copied: the
 * gateway's executor merges later fetches into the objects it receives, and
 * the same user may sit in two places of the result.
 */
export function splitFor<R extends EntitiesResponse>(response: R, positions: readonly number[], sent: number, handedOut: Set<number>): R {
  const entities = response.data?._entities;
  if (!Array.isArray(entities) || entities.length !== sent) return response;
  // Where each entity sent sits in this member's answer (a representation it asked for twice sits twice).
  const own = new Map<number, number[]>();
  positions.forEach((position, index) => {
    const at = own.get(position);
    if (at) at.push(index);
    else own.set(position, [index]);
  });
  const errors: { path?: readonly (string | number)[] }[] = [];
  for (const error of response.errors ?? []) {
    const [root, position, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof position !== 'number') {
      errors.push(error);
      continue;
    }
    for (const index of own.get(position) ?? []) errors.push({ ...error, path: ['_entities', index, ...rest] });
  }
  const ownEntities = positions.map((position) => {
    if (!handedOut.has(position)) {
      handedOut.add(position);
      return entities[position];
    }
    return structuredClone(entities[position]);
  });
  const split: R = { ...response, data: { ...response.data, _entities: ownEntities } };
  if (response.errors) split.errors = errors;
  return split;
}
