import { ANY, jsonEvent } from '@eventstore/db-client';
import type { Checkpoint } from '@smart-orders/engine';
import type { EventStoreDbClient } from './eventStoreDbClient';
import { eventStoreDbError } from './eventStoreDbError';
import { latestEvent } from './readStreamEvents';
import type { StreamNames } from './streamNames';

export const CHECKPOINT_SAVED = 'CheckpointSaved';

/** One stream per checkpoint name, holding only its latest value. */
export const saveCheckpoint = async (
  client: EventStoreDbClient,
  names: StreamNames,
  keepLatest: (esdbStream: string) => Promise<void>,
  { name, value }: Checkpoint,
): Promise<void> => {
  const stream = names.checkpointStream(name);
  await keepLatest(stream);
  await client.appendToStream(
    stream,
    [jsonEvent({ type: CHECKPOINT_SAVED, data: { name, value } })],
    {
      expectedRevision: ANY,
    },
  );
};

export const readCheckpoint = async (
  client: EventStoreDbClient,
  names: StreamNames,
  name: string,
): Promise<string | null> => {
  const latest = await latestEvent(client, names.checkpointStream(name));
  if (latest === null) return null;
  const value = (latest.data as { value?: unknown } | null)?.value;
  if (latest.type !== CHECKPOINT_SAVED || typeof value !== 'string') {
    throw eventStoreDbError(
      'EVENT_UNREADABLE',
      `${latest.streamId} revision ${latest.revision}: expected a ${CHECKPOINT_SAVED} event with a string value`,
    );
  }
  return value;
};
