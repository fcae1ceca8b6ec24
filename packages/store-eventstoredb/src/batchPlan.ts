import { left, right, type Either } from 'fp-ts/Either';
import {
  conflict,
  versionMatches,
  type AppendToStream,
  type ConcurrencyConflict,
} from '@smart-orders/engine';

/**
 * Checks a whole batch against the streams' versions before anything is written, so a stale
 * expectation on any stream refuses the batch with nothing written (EventStoreDB would only
 * refuse the one stream, after the ones before it were appended). Appends to the same stream
 * later in the batch see the versions of the earlier ones. Gives each stream's version after
 * the batch.
 */
export const planBatch = (
  appends: readonly AppendToStream[],
  versionsBefore: ReadonlyMap<string, number>,
): Either<ConcurrencyConflict, Map<string, number>> => {
  const versions = new Map<string, number>();
  for (const { stream, expectedVersion, events } of appends) {
    const actual = versions.get(stream) ?? versionsBefore.get(stream) ?? 0;
    if (!versionMatches(expectedVersion, actual))
      return left(conflict(stream, expectedVersion, actual));
    versions.set(stream, actual + events.length);
  }
  return right(versions);
};
