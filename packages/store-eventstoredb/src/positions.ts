import { START, type Position, type ReadPosition } from '@eventstore/db-client';
import { eventStoreDbError } from './eventStoreDbError';

/**
 * The port position of an event: its `$all` commit position. An append without an explicit
 * transaction (the only kind gRPC clients make) commits each event at its own log position, so
 * commit = prepare and the number names the event exactly. Log positions are byte offsets:
 * 2^53 − 1 bytes is 9 PB of log, past which the number could no longer be exact.
 */
export const portPosition = (position: Position): number => {
  if (position.commit !== position.prepare) {
    throw eventStoreDbError(
      'POSITION_NOT_REPRESENTABLE',
      `$all position ${position.commit}/${position.prepare}: commit and prepare differ (an event of an ` +
        'explicit transaction, written by a TCP client), so one number cannot name it; only events ' +
        'appended over gRPC can be read by this store',
    );
  }
  if (position.commit > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw eventStoreDbError(
      'POSITION_NOT_REPRESENTABLE',
      `$all position ${position.commit} is above 2^53 − 1, the largest position a number holds exactly`,
    );
  }
  return Number(position.commit);
};

export const esdbPosition = (position: number): Position => ({
  commit: BigInt(position),
  prepare: BigInt(position),
});

/** Where to start reading or subscribing for events after a port position (0 = the start). */
export const startAfter = (afterPosition: number): ReadPosition =>
  afterPosition >= 1 ? esdbPosition(Math.floor(afterPosition)) : START;

/** `$all` order: by commit position, then by prepare position. */
export const isAfter = (a: Position, b: Position): boolean =>
  a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);
