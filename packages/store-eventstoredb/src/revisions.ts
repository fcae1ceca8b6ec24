import {
  ANY,
  NO_STREAM,
  type AppendExpectedRevision,
  type CurrentRevision,
} from '@eventstore/db-client';
import type { ExpectedVersion } from '@smart-orders/engine';

/** Port versions are 1-based; EventStoreDB revisions are 0-based: version n is revision n − 1. */
export const versionOfRevision = (revision: bigint): number => Number(revision) + 1;

/**
 * The server-side expectation of a port one. Version 0 means "absent", so it is `no_stream`.
 * Only called with a version the batch check accepted, hence a whole number.
 */
export const expectedRevisionOf = (expected: ExpectedVersion): AppendExpectedRevision =>
  expected === 'any'
    ? ANY
    : expected === 'no_stream' || expected === 0
      ? NO_STREAM
      : BigInt(expected - 1);

/**
 * The port version of a stream's current revision as the server reports it: `no_stream` (and
 * the -1 of a client made with `throwOnAppendFailure: false`) is version 0. Never `BigInt()` it:
 * that is the crash of Emmett's EventStoreDB adapter.
 */
export const versionOfCurrentRevision = (current: CurrentRevision): number =>
  typeof current === 'bigint' && current >= 0n ? versionOfRevision(current) : 0;
