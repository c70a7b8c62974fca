/** The streaming subgraph has no entity references or child lists yet, so no loaders. */
export type StreamingLoaders = Record<string, never>;

export function createStreamingLoaders(): StreamingLoaders {
  return {};
}
