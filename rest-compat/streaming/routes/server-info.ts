import { defineRoute, type RestRoute } from '../../route-table';

interface LogEntry {
  time: string;
  level: string;
  message: string;
}

const LOG_FIELDS = 'time level message';

/** O5, O10, O11, O36: custom emoji, the answering replica's recent logs, viewers over time. */
export const serverInfoRoutes: RestRoute[] = [
  defineRoute<{ emoji: { name: string; url: string }[] }>({
    id: 'O5',
    method: 'GET',
    url: '/api/emoji',
    summary: 'Custom chat emoji: [{name, emoji}] where emoji is the image path or URL',
    credentials: [],
    operation: `query Emoji { emoji { name url } }`,
    respond: (data) => ({ body: data.emoji.map(({ name, url }) => ({ name, emoji: url })) }),
  }),
  defineRoute<{ serverLogs: LogEntry[] }>({
    id: 'O10',
    method: 'GET',
    url: '/api/admin/logs',
    summary: 'Recent log entries (info and above) of the replica that answers, oldest first',
    credentials: ['basicAdmin'],
    operation: `query ServerLogs { serverLogs { ${LOG_FIELDS} } }`,
    respond: (data) => ({ body: data.serverLogs }),
  }),
  defineRoute<{ serverWarnings: LogEntry[] }>({
    id: 'O11',
    method: 'GET',
    url: '/api/admin/logs/warnings',
    summary: 'Recent warning and error log entries of the replica that answers, oldest first',
    credentials: ['basicAdmin'],
    operation: `query ServerWarnings { serverWarnings { ${LOG_FIELDS} } }`,
    respond: (data) => ({ body: data.serverWarnings }),
  }),
  defineRoute<{ viewersOverTime: { time: string; value: number }[] }>({
    id: 'O36',
    method: 'GET',
    url: '/api/admin/viewersOverTime',
    summary: 'Viewer count over the last day, one sample per interval (VIEWER_SAMPLE_INTERVAL_MS, default a minute)',
    credentials: ['basicAdmin'],
    operation: `query ViewersOverTime { viewersOverTime { time value } }`,
    respond: (data) => ({ body: data.viewersOverTime }),
  }),
];
