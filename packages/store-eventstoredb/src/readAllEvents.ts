import { FORWARDS, START, type Position } from '@eventstore/db-client';
import type { StoredEvent } from '@smart-orders/engine';
import type { EventStoreDbClient } from './eventStoreDbClient';
import { esdbPosition, isAfter } from './positions';
import type { StreamNames } from './streamNames';
import { storedEventOf } from './storedEventOf';

const PAGE_SIZE = 512;

/**
 * The port streams' events after a position, in `$all` order. This client cannot filter a
 * `$all` read on the server, so pages of `$all` are read and the other streams (system
 * streams, checkpoints, other prefixes) skipped here. A forward read includes the
 * event at its start position, so each page skips what is not after the cursor.
 */
export const readAllEvents = async (
  client: EventStoreDbClient,
  names: StreamNames,
  afterPosition: number,
  limit?: number,
): Promise<StoredEvent[]> => {
  const wanted = limit === undefined ? Infinity : Math.max(0, Math.floor(limit));
  const events: StoredEvent[] = [];
  let cursor: Position | null = afterPosition >= 1 ? esdbPosition(Math.floor(afterPosition)) : null;
  while (events.length < wanted) {
    let read = 0;
    let advanced = false;
    for await (const resolved of client.readAll({
      fromPosition: cursor ?? START,
      maxCount: PAGE_SIZE,
      direction: FORWARDS,
    })) {
      read += 1;
      const recorded = resolved.event;
      if (recorded === undefined || (cursor !== null && !isAfter(recorded.position, cursor)))
        continue;
      cursor = recorded.position;
      advanced = true;
      const stream = names.portStream(recorded.streamId);
      if (stream === null) continue;
      events.push(storedEventOf(stream, recorded));
      if (events.length >= wanted) break;
    }
    if (read < PAGE_SIZE || !advanced) break;
  }
  return events;
};
