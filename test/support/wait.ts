/** Every wait in the tests is bounded by this (ms) unless it names its own bound. */
export const WAIT_MS = 8000;

/** Resolves as `promise` does, or fails after `ms` naming what it waited for. */
export function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Polls `probe` until it answers something other than undefined, and answers
 * that; fails after `ms` naming what it waited for. For state only polling
 * can see (rows, counters, a child process's output); what arrives as a
 * message is waited for through a MessageQueue (ws.ts) instead.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = WAIT_MS, everyMs = 20): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Polls until the condition holds, or fails after `ms` naming what it waited for. */
export async function until(condition: () => boolean | Promise<boolean>, what: string, ms = WAIT_MS, everyMs = 20): Promise<void> {
  await waitFor(what, async () => ((await condition()) ? true : undefined), ms, everyMs);
}
