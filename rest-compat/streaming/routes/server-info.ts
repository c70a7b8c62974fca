import { defineRoute, type RestRoute } from '../../route-table';
import { graphql } from '../generated';

/** A log entry as Owncast's log routes answer it. */
graphql(`
  fragment OwncastLogEntry on LogEntry {
    time
    level
    message
  }
`);

/** The answering replica's recent log entries, all or only warnings: each operation names its list `entries`, so they share one answer. */
const LOG_LISTS = [
  {
    id: 'O10',
    url: '/api/admin/logs',
    summary: 'Recent log entries (info and above) of the replica that answers, oldest first',
    operation: graphql(`query ServerLogs { entries: serverLogs { ...OwncastLogEntry } }`),
  },
  {
    id: 'O11',
    url: '/api/admin/logs/warnings',
    summary: 'Recent warning and error log entries of the replica that answers, oldest first',
    operation: graphql(`query ServerWarnings { entries: serverWarnings { ...OwncastLogEntry } }`),
  },
];

/** O5, O10, O11, O36: custom emoji, the answering replica's recent logs, viewers over time. */
export const serverInfoRoutes: RestRoute[] = [
  defineRoute({
    id: 'O5',
    method: 'GET',
    url: '/api/emoji',
    summary: 'Custom chat emoji: [{name, emoji}] where emoji is the image path or URL',
    credentials: [],
    operation: graphql(`query Emoji { emoji { name url } }`),
    respond: (data) => ({ body: data.emoji.map(({ name, url }) => ({ name, emoji: url })) }),
  }),
  ...LOG_LISTS.map((list) => defineRoute({ ...list, method: 'GET', credentials: ['basicAdmin'], respond: (data) => ({ body: data.entries }) })),
  defineRoute({
    id: 'O36',
    method: 'GET',
    url: '/api/admin/viewersOverTime',
    summary: 'Viewer count over the last day, one sample per interval (VIEWER_SAMPLE_INTERVAL_MS, default a minute)',
    credentials: ['basicAdmin'],
    operation: graphql(`query ViewersOverTime { viewersOverTime { time value } }`),
    respond: (data) => ({ body: data.viewersOverTime }),
  }),
];
