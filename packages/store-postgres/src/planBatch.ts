import {
  conflict,
  versionMatches,
  type AppendToStream,
  type ConcurrencyConflict,
} from '@smart-orders/engine';
import { left, right, type Either } from 'fp-ts/Either';

/** The events of a batch, in its order, as the column arrays of a multi-row `unnest` insert. */
export interface EventRows {
  readonly streams: string[];
  /** 1 for the first event of its stream in this batch, 2 for the next, … */
  readonly offsets: number[];
  readonly timestamps: number[];
  readonly types: string[];
  readonly data: string[];
}

export interface NumberedBatch {
  /** Last version of each stream after the batch. */
  readonly versions: Map<string, number>;
  /** Version of each event, in the order of `EventRows`. */
  readonly eventVersions: number[];
}

export const eventRows = (appends: readonly AppendToStream[]): EventRows => {
  const rows: EventRows = { streams: [], offsets: [], timestamps: [], types: [], data: [] };
  const counts = new Map<string, number>();
  for (const { stream, events } of appends) {
    for (const event of events) {
      const offset = (counts.get(stream) ?? 0) + 1;
      counts.set(stream, offset);
      rows.streams.push(stream);
      rows.offsets.push(offset);
      rows.timestamps.push(event.ts);
      rows.types.push(event.type);
      rows.data.push(JSON.stringify(event.data ?? null));
    }
  }
  return rows;
};

/**
 * Checks every expected version against the versions the streams had before the batch, in the
 * order of the appends (a stream appended twice in one batch is expected, the second time, at
 * the version its first append left), and numbers the events: the first conflict, or the
 * versions.
 */
export const planBatch = (
  appends: readonly AppendToStream[],
  versionsBefore: ReadonlyMap<string, number>,
): Either<ConcurrencyConflict, NumberedBatch> => {
  const versions = new Map<string, number>();
  const eventVersions: number[] = [];
  for (const { stream, expectedVersion, events } of appends) {
    const actual = versions.get(stream) ?? versionsBefore.get(stream) ?? 0;
    if (!versionMatches(expectedVersion, actual))
      return left(conflict(stream, expectedVersion, actual));
    events.forEach((_, index) => eventVersions.push(actual + index + 1));
    versions.set(stream, actual + events.length);
  }
  return right({ versions, eventVersions });
};
