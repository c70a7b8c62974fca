import { RecentLogs, type RecentLogEntry } from '../../../common/logger';
import type { Context } from '../context';
import { assertAllowed } from './permissions';

/**
 * O10/O11: the streaming subgraph's own recent log entries, kept in memory by
 * this process (the module sets `recentLogs`, so common/subgraph-server.ts
 * feeds its logger into this buffer). Per replica: each answers with its own.
 * The last 500 entries at info and above, and separately the last 500
 * warnings and errors. Only time, level and message are kept.
 */
export const MAX_LOG_ENTRIES = 500;

export const serverLogs = new RecentLogs(MAX_LOG_ENTRIES, 'info');

export async function readServerLogs(context: Context): Promise<RecentLogEntry[]> {
  await assertAllowed(context, 'server:monitor');
  return serverLogs.entries();
}

export async function readServerWarnings(context: Context): Promise<RecentLogEntry[]> {
  await assertAllowed(context, 'server:monitor');
  return serverLogs.warningEntries();
}
