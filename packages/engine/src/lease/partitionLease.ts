import {
  decideLease,
  foldLease,
  isLeaseEvent,
  leaseStreamName,
  type LeaseCommand,
  type LeaseError,
  type LeaseEvent,
  type LeaseState,
} from '@smart-orders/core';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { ConcurrencyConflict, EventStore, LeaseFence } from '../ports/eventStore';

/** A lease this engine holds: the fence its batches carry, and the version it last wrote. */
export interface HeldLease {
  readonly key: string;
  readonly stream: string;
  readonly engineId: string;
  readonly epoch: number;
  readonly until: number;
  /** The lease stream's version after this engine's last lease event: its next expected version. */
  readonly version: number;
}

/** A lease command refused by the rules, or beaten to the lease stream by another engine. */
export type LeaseRefusal = LeaseError | ConcurrencyConflict;

export interface ObservedLease {
  readonly state: LeaseState;
  readonly version: number;
}

export const readLease = async (store: EventStore, key: string): Promise<ObservedLease> => {
  const events = await store.readStream(leaseStreamName(key));
  return {
    state: foldLease(events.filter(isLeaseEvent) as LeaseEvent[]),
    version: events.at(-1)?.version ?? 0,
  };
};

/** What every batch of the lease's holder carries to the store. */
export const fenceOf = (lease: HeldLease): LeaseFence => ({
  stream: lease.stream,
  epoch: lease.epoch,
});

/**
 * Decides a lease command on the lease stream as read, and appends its events expecting the
 * version read: of two engines deciding at once, the store commits one and refuses the other.
 */
const appendLeaseCommand = async (
  store: EventStore,
  key: string,
  observed: ObservedLease,
  command: LeaseCommand,
): Promise<Either<LeaseRefusal, { events: LeaseEvent[]; version: number }>> => {
  const decided = decideLease(command, observed.state);
  if (isLeft(decided)) return decided;
  if (decided.right.length === 0) return right({ events: [], version: observed.version });
  const stream = leaseStreamName(key);
  const appended = await store.appendBatch([
    {
      stream,
      expectedVersion: observed.version === 0 ? 'no_stream' : observed.version,
      events: decided.right,
    },
  ]);
  if (isLeft(appended)) return appended;
  return right({ events: decided.right, version: observed.version + decided.right.length });
};

const held = (key: string, version: number, event: LeaseEvent): HeldLease => ({
  key,
  stream: leaseStreamName(key),
  engineId: event.data.engineId,
  epoch: event.data.epoch,
  until: event.data.until,
  version,
});

/** Takes the partition's lease when it is free or expired (SEMANTICS of `decideLease`). */
export const takeLease = async (
  store: EventStore,
  key: string,
  engineId: string,
  now: number,
  durationMs: number,
): Promise<Either<LeaseRefusal, HeldLease>> => {
  const observed = await readLease(store, key);
  const taken = await appendLeaseCommand(store, key, observed, {
    type: 'TakeLease',
    engineId,
    now,
    durationMs,
  });
  if (isLeft(taken)) return taken;
  const event = taken.right.events[0];
  if (event === undefined) throw new Error('decideLease took a lease without an event');
  return right(held(key, taken.right.version, event));
};

/**
 * Renews a held lease, expecting the lease stream at the version this engine last wrote: any
 * other engine's lease event in between (a take-over) makes it a conflict, that is a lost lease.
 */
export const renewLease = async (
  store: EventStore,
  lease: HeldLease,
  now: number,
  durationMs: number,
): Promise<Either<LeaseRefusal, HeldLease>> => {
  const observed: ObservedLease = {
    state: { holder: lease.engineId, epoch: lease.epoch, until: lease.until },
    version: lease.version,
  };
  const renewed = await appendLeaseCommand(store, lease.key, observed, {
    type: 'RenewLease',
    engineId: lease.engineId,
    epoch: lease.epoch,
    now,
    durationMs,
  });
  if (isLeft(renewed)) return renewed;
  const event = renewed.right.events[0];
  if (event === undefined) throw new Error('decideLease renewed a lease without an event');
  return right(held(lease.key, renewed.right.version, event));
};

/** Gives the lease up so that a standby takes it at once; a lease already lost is left alone. */
export const releaseLease = async (
  store: EventStore,
  lease: HeldLease,
  now: number,
): Promise<Either<LeaseRefusal, void>> => {
  const observed = await readLease(store, lease.key);
  const released = await appendLeaseCommand(store, lease.key, observed, {
    type: 'ReleaseLease',
    engineId: lease.engineId,
    epoch: lease.epoch,
    now,
  });
  return isLeft(released) ? left(released.left) : right(undefined);
};
