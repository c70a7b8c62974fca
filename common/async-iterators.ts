/** What every hand-made iterator here is: usable as a subscription's event source by graphql-js and graphql-ws. */
export type EventIterator<T> = AsyncIterableIterator<T> & AsyncGenerator<T, undefined>;

/**
 * An async iterator from its `next` and how it ends: return() ends it
 * (`end`) and answers done, throw() ends it and rethrows. Either reaches
 * `end` at once, even while a next() is waiting, which an async generator
 * cannot do (its return() waits for the pending next()).
 */
export function endableIterator<T>(next: () => Promise<IteratorResult<T, undefined>>, end: () => Promise<void>): EventIterator<T> {
  const iterator = {
    next,
    return: async (): Promise<IteratorResult<T, undefined>> => {
      await end();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown): Promise<IteratorResult<T, undefined>> => {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator as EventIterator<T>;
}

/**
 * Maps every value of an async iterator. Unlike an async generator, return()
 * goes to the source at once, even while a next() is waiting for a value, so
 * a subscription that ends stops listening right away instead of after the
 * next event.
 */
export function mapAsyncIterator<T, U>(source: AsyncIterator<T>, map: (value: T) => U | Promise<U>): EventIterator<U> {
  const closeSource = async (): Promise<void> => {
    await source.return?.();
  };
  const mapResult = async (result: IteratorResult<T>): Promise<IteratorResult<U, undefined>> => {
    if (result.done) return { value: undefined, done: true };
    try {
      return { value: await map(result.value), done: false };
    } catch (error) {
      await closeSource().catch(() => undefined);
      throw error;
    }
  };
  return endableIterator(async () => mapResult(await source.next()), closeSource);
}

/**
 * Like mapAsyncIterator, but a value mapped to undefined is skipped (a
 * filter that costs nothing downstream: no execution, no delivery).
 */
export function filterMapAsyncIterator<T, U>(source: AsyncIterator<T>, map: (value: T) => U | undefined): EventIterator<U> {
  return endableIterator(
    async (): Promise<IteratorResult<U, undefined>> => {
      for (;;) {
        const result = await source.next();
        if (result.done) return { value: undefined, done: true };
        const mapped = map(result.value);
        if (mapped !== undefined) return { value: mapped, done: false };
      }
    },
    async () => {
      await source.return?.();
    },
  );
}
