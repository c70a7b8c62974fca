import type { RunningPostgres } from '../../common/embedded-postgres';

interface TestState {
  embedded?: { server: RunningPostgres; dataDir: string };
}

/**
 * Shared between global setup and teardown. Jest runs both in one process but
 * may load this module twice, so the state lives on globalThis.
 */
const holder = globalThis as typeof globalThis & { __playroomTestState?: TestState };
export const testState: TestState = (holder.__playroomTestState ??= {});
