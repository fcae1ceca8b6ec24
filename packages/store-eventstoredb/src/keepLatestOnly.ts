import type { EventStoreDbClient } from './eventStoreDbClient';

/**
 * Marks checkpoint streams `maxCount: 1`: reads then see only the latest entry
 * and a scavenge drops the older ones. Set once per stream and process; setting it again on a
 * later run only adds one metadata event.
 */
export const keepLatestOnly = (
  client: EventStoreDbClient,
): ((esdbStream: string) => Promise<void>) => {
  const marked = new Set<string>();
  return async (esdbStream) => {
    if (marked.has(esdbStream)) return;
    await client.setStreamMetadata(esdbStream, { maxCount: 1 });
    marked.add(esdbStream);
  };
};
