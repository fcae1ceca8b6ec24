import { ANY, jsonEvent, type JSONType } from '@eventstore/db-client';
import type { Snapshot } from '@smart-orders/engine';
import type { EventStoreDbClient } from './eventStoreDbClient';
import { eventStoreDbError } from './eventStoreDbError';
import { latestEvent } from './readStreamEvents';
import type { StreamNames } from './streamNames';

export const SNAPSHOT_SAVED = 'SnapshotSaved';

/** One `snapshot-<stream>` stream per port stream, holding only the latest snapshot. */
export const saveSnapshot = async (
  client: EventStoreDbClient,
  names: StreamNames,
  keepLatest: (esdbStream: string) => Promise<void>,
  { stream, version, state }: Snapshot,
): Promise<void> => {
  const snapshotStream = names.snapshotStream(stream);
  await keepLatest(snapshotStream);
  const data = { version, state: (state === undefined ? null : state) as JSONType };
  await client.appendToStream(snapshotStream, [jsonEvent({ type: SNAPSHOT_SAVED, data })], {
    expectedRevision: ANY,
  });
};

export const loadSnapshot = async (
  client: EventStoreDbClient,
  names: StreamNames,
  stream: string,
): Promise<Snapshot | null> => {
  const latest = await latestEvent(client, names.snapshotStream(stream));
  if (latest === null) return null;
  const data = latest.data as { version?: unknown; state?: unknown } | null;
  if (latest.type !== SNAPSHOT_SAVED || typeof data?.version !== 'number' || !('state' in data)) {
    throw eventStoreDbError(
      'EVENT_UNREADABLE',
      `${latest.streamId} revision ${latest.revision}: expected a ${SNAPSHOT_SAVED} event with a version and a state`,
    );
  }
  return { stream, version: data.version, state: data.state };
};
