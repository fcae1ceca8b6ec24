import { ErrorType, type WrongExpectedVersionError } from '@eventstore/db-client';
import { conflict, type ConcurrencyConflict, type ExpectedVersion } from '@smart-orders/engine';
import { versionOfCurrentRevision } from './revisions';

/** Checked by the error's `type`, not its class, so a second copy of the client still matches. */
export const isWrongExpectedVersion = (error: unknown): error is WrongExpectedVersionError =>
  error instanceof Error && (error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION;

/** The port's conflict for the server's refusal; `actualVersion` may be `no_stream` (→ 0). */
export const conflictOfWrongExpectedVersion = (
  stream: string,
  expectedVersion: ExpectedVersion,
  error: WrongExpectedVersionError,
): ConcurrencyConflict =>
  conflict(stream, expectedVersion, versionOfCurrentRevision(error.actualVersion));

/** A conflict met after other streams of the same batch were already appended. */
export interface PartialBatchConflict extends ConcurrencyConflict {
  readonly appendedStreams: readonly string[];
}

/**
 * EventStoreDB has no transaction across streams. When a concurrent writer wins the race
 * between the batch check and an append, the streams appended before it stay appended: the
 * conflict names them, so the caller reloads them too before deciding again.
 */
export const withAppendedStreams = (
  refused: ConcurrencyConflict,
  appendedStreams: readonly string[],
): ConcurrencyConflict | PartialBatchConflict =>
  appendedStreams.length === 0
    ? refused
    : {
        ...refused,
        appendedStreams,
        message:
          `${refused.message}; ${appendedStreams.join(', ')} of the same batch were already appended ` +
          '(EventStoreDB has no transaction across streams): reload them before deciding again',
      };
