import { BACKWARDS, END, ErrorType, FORWARDS, type RecordedEvent } from '@eventstore/db-client';
import type { StoredEvent } from '@smart-orders/engine';
import type { EventStoreDbClient } from './eventStoreDbClient';
import type { StreamNames } from './streamNames';
import { storedEventOf } from './storedEventOf';

const isStreamNotFound = (error: unknown): boolean =>
  error instanceof Error && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND;

/** The events of a port stream from `fromVersion` (inclusive); a missing stream is empty. */
export const readStreamEvents = async (
  client: EventStoreDbClient,
  names: StreamNames,
  stream: string,
  fromVersion = 1,
  maxCount?: number,
): Promise<StoredEvent[]> => {
  const events: StoredEvent[] = [];
  const fromRevision = BigInt(Math.max(1, Math.floor(fromVersion)) - 1);
  try {
    const read = client.readStream(names.esdbStream(stream), {
      fromRevision,
      direction: FORWARDS,
      ...(maxCount === undefined ? {} : { maxCount }),
    });
    for await (const resolved of read) {
      if (resolved.event) events.push(storedEventOf(stream, resolved.event));
    }
  } catch (error) {
    if (isStreamNotFound(error)) return [];
    throw error;
  }
  return events;
};

/** The last event of a server stream, or null when the stream does not exist. */
export const latestEvent = async (
  client: EventStoreDbClient,
  esdbStream: string,
): Promise<RecordedEvent | null> => {
  try {
    const read = client.readStream(esdbStream, {
      fromRevision: END,
      direction: BACKWARDS,
      maxCount: 1,
    });
    for await (const resolved of read) {
      if (resolved.event) return resolved.event;
    }
  } catch (error) {
    if (isStreamNotFound(error)) return null;
    throw error;
  }
  return null;
};
