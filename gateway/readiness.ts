import type { SubgraphName } from '../common/config';

export interface Readiness {
  ready: boolean;
  subgraphs: Record<string, 'ok' | 'unavailable'>;
}

/** Asks every subgraph's /healthz (which checks its database) in parallel. */
export async function checkReadiness(urls: Record<SubgraphName, string>, timeoutMs = 2000): Promise<Readiness> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? 'ok' : 'unavailable'] as const;
      } catch {
        return [name, 'unavailable'] as const;
      }
    }),
  );
  const subgraphs = Object.fromEntries(entries);
  return { ready: entries.every(([, state]) => state === 'ok'), subgraphs };
}
