import {
  conflict,
  versionMatches,
  type AppendToStream,
  type ConcurrencyConflict,
} from '@smart-orders/engine';
import { left, right, type Either } from 'fp-ts/Either';

/** The rows one `appendBatch` inserts, as the column arrays of a multi-row `unnest` insert. */
export interface EventRows {
  readonly streams: string[];
  readonly versions: number[];
  readonly timestamps: number[];
  readonly types: string[];
  readonly data: string[];
}

/** How many events each stream of the batch receives. */
export const eventCountsByStream = (appends: readonly AppendToStream[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const append of appends)
    counts.set(append.stream, (counts.get(append.stream) ?? 0) + append.events.length);
  return counts;
};

/**
 * Checks every expected version against the versions the streams had when they were locked,
 * in the order of the appends (a stream appended twice in one batch is expected at the version
 * its first append left), and numbers the events.
 */
export const planBatch = (
  appends: readonly AppendToStream[],
  versionsBefore: ReadonlyMap<string, number>,
): Either<ConcurrencyConflict, { rows: EventRows; versions: Map<string, number> }> => {
  const versions = new Map(versionsBefore);
  const rows: EventRows = { streams: [], versions: [], timestamps: [], types: [], data: [] };
  for (const { stream, expectedVersion, events } of appends) {
    const actual = versions.get(stream) ?? 0;
    if (!versionMatches(expectedVersion, actual))
      return left(conflict(stream, expectedVersion, actual));
    events.forEach((event, index) => {
      rows.streams.push(stream);
      rows.versions.push(actual + index + 1);
      rows.timestamps.push(event.ts);
      rows.types.push(event.type);
      rows.data.push(JSON.stringify(event.data ?? null));
    });
    versions.set(stream, actual + events.length);
  }
  return right({ rows, versions });
};
