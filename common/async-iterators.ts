/**
 * Maps every value of an async iterator. Unlike an async generator, return()
 * goes to the source at once, even while a next() is waiting for a value, so
 * a subscription that ends stops listening right away instead of after the
 * next event.
 */
export function mapAsyncIterator<T, U>(source: AsyncIterator<T>, map: (value: T) => U | Promise<U>): AsyncIterableIterator<U> & AsyncGenerator<U, undefined> {
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
  const iterator = {
    next: async () => mapResult(await source.next()),
    return: async (): Promise<IteratorResult<U, undefined>> => {
      await closeSource();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown): Promise<IteratorResult<U, undefined>> => {
      await closeSource();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator as AsyncIterableIterator<U> & AsyncGenerator<U, undefined>;
}

/**
 * Like mapAsyncIterator, but a value mapped to undefined is skipped (a
 * filter that costs nothing downstream: no execution, no delivery).
 */
export function filterMapAsyncIterator<T, U>(
  source: AsyncIterator<T>,
  map: (value: T) => U | undefined,
): AsyncIterableIterator<U> & AsyncGenerator<U, undefined> {
  const iterator = {
    next: async (): Promise<IteratorResult<U, undefined>> => {
      for (;;) {
        const result = await source.next();
        if (result.done) return { value: undefined, done: true };
        const mapped = map(result.value);
        if (mapped !== undefined) return { value: mapped, done: false };
      }
    },
    return: async (): Promise<IteratorResult<U, undefined>> => {
      await source.return?.();
      return { value: undefined, done: true };
    },
    throw: async (error?: unknown): Promise<IteratorResult<U, undefined>> => {
      await source.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator as AsyncIterableIterator<U> & AsyncGenerator<U, undefined>;
}
