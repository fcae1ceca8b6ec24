import type { RecordedEvent } from '@eventstore/db-client';
import { orderIdOfStream, type StoredEvent } from '@smart-orders/engine';
import { eventStoreDbError } from './eventStoreDbError';
import { portPosition } from './positions';
import { versionOfRevision } from './revisions';

const tsOf = (metadata: unknown): number | null => {
  const ts =
    typeof metadata === 'object' && metadata !== null ? (metadata as { ts?: unknown }).ts : null;
  return typeof ts === 'number' && Number.isFinite(ts) ? ts : null;
};

/** The envelope of EVENTS.md, fields in its order, of an event this adapter wrote to `stream`. */
export const storedEventOf = (stream: string, recorded: RecordedEvent): StoredEvent => {
  const where = `${recorded.streamId} revision ${recorded.revision}`;
  const ts = tsOf(recorded.metadata);
  if (!recorded.isJson || ts === null) {
    throw eventStoreDbError(
      'EVENT_UNREADABLE',
      `${where}: not written by this store: expected a JSON event whose metadata is {"ts": <epoch ms>}`,
    );
  }
  if (recorded.position === undefined) {
    throw eventStoreDbError(
      'EVENT_UNREADABLE',
      `${where}: the server sent no $all position with the event: EventStoreDB 22.6 or later is required`,
    );
  }
  return {
    position: portPosition(recorded.position),
    stream,
    orderId: orderIdOfStream(stream),
    version: versionOfRevision(recorded.revision),
    ts,
    type: recorded.type,
    data: recorded.data,
  };
};
