import { isLeft } from 'fp-ts/Either';
import { leaseStatus, type LeaseState } from '@smart-orders/core';
import type { EventStore, LeaseFence } from '../ports/eventStore';
import {
  fenceOf,
  readLease,
  releaseLease,
  renewLease,
  takeLease,
  type HeldLease,
} from './partitionLease';

/**
 * Thrown where an engine that lost its partition's lease would have written or sent: the lease
 * was taken over (a batch fenced off, a renewal refused) or ran out before it could be renewed.
 */
export class LeaseLost extends Error {
  readonly code = 'LEASE_LOST';
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`lease-${key}: lost (${reason}): this engine stepped down and sends nothing more`);
  }
}

export const isLeaseLost = (error: unknown): error is LeaseLost => error instanceof LeaseLost;

/** Another engine holds the lease and, for a caller that will not wait for it, keeps it. */
export class LeaseHeld extends Error {
  readonly code = 'LEASE_HELD';
  constructor(
    readonly key: string,
    readonly lease: LeaseState,
  ) {
    super(
      `lease-${key}: held by ${lease.holder} (epoch ${lease.epoch}), which renews it: another engine owns this partition`,
    );
  }
}

export interface OwnershipOptions {
  readonly store: EventStore;
  /** The partition: an account id, or the name of a group of symbols. */
  readonly key: string;
  readonly engineId: string;
  readonly durationMs: number;
  /** How often the owner renews and a waiting engine looks again (default: a tenth of the lease). */
  readonly renewMs?: number;
  /**
   * A standby waits for as long as the lease is held, and takes it once it is released or has
   * expired. Otherwise the caller waits only for the lease as it is found to run out (an owner
   * that died); an owner that renews it meanwhile is alive, and `acquire` throws `LeaseHeld`.
   */
  readonly standby?: boolean;
  readonly now?: () => number;
  /** The lease as found held by another engine, once per holder and epoch while waiting. */
  readonly onWaiting?: (lease: LeaseState) => void;
  /** This engine took the lease; `previous` is the lease it replaced (holder null if free). */
  readonly onTaken?: (lease: HeldLease, previous: LeaseState) => void;
  /** The lease was lost: everything this engine does from now on is refused. Called once. */
  readonly onLost?: (loss: LeaseLost) => void;
}

/** The lease an engine holds on its partition, renewed on a timer until released or lost. */
export interface PartitionOwnership {
  readonly key: string;
  /** The lease as last written by this engine. */
  current(): HeldLease;
  /** True while the lease is neither lost nor past its end on this machine's clock. */
  holds(): boolean;
  /** What every batch of the owner carries; throws `LeaseLost` once the lease is not held. */
  fence(): LeaseFence;
  /** Marks the lease lost (a batch fenced off by the store); renewals stop. */
  lose(reason: string): LeaseLost;
  /** Rejects with `LeaseLost` when the lease is lost; never resolves otherwise. */
  readonly lost: Promise<never>;
  /** Stops renewing and gives the lease up, so that a standby takes it at once. */
  release(): Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Takes the partition's lease — at once when free, expired or released, otherwise after waiting
 * as `standby` says — and keeps it renewed every `renewMs`. An owner that cannot renew before its
 * lease ends (the store unreachable, the process paused) has lost it even if nobody took it: a
 * standby may be taking it at that moment.
 */
export const acquirePartition = async (options: OwnershipOptions): Promise<PartitionOwnership> => {
  const { store, key, engineId, durationMs } = options;
  const now = options.now ?? Date.now;
  const renewMs = options.renewMs ?? Math.max(1, Math.floor(durationMs / 10));
  let reported = '';
  // A non-standby waits for the lease as first found: if its holder renews it, it is alive.
  let firstSeen: LeaseState | null = null;
  let lease: HeldLease | null = null;
  let previous: LeaseState = { holder: null, epoch: 0, until: 0 };
  while (lease === null) {
    const observed = await readLease(store, key);
    const state = observed.state;
    if (leaseStatus(state, now()) === 'HELD' && state.holder !== engineId) {
      if (options.standby !== true) {
        if (firstSeen === null) firstSeen = state;
        else if (state.epoch !== firstSeen.epoch || state.until !== firstSeen.until)
          throw new LeaseHeld(key, state);
      }
      const seen = `${state.holder}:${state.epoch}`;
      if (seen !== reported) options.onWaiting?.(state);
      reported = seen;
      await sleep(Math.max(1, Math.min(renewMs, state.until - now())));
      continue;
    }
    const taken = await takeLease(store, key, engineId, now(), durationMs);
    if (isLeft(taken) && taken.left.code === 'INVALID_LEASE_DURATION')
      throw new Error(taken.left.message);
    // Refused: another engine took or renewed it between the read and the append; look again.
    if (isLeft(taken)) continue;
    lease = taken.right;
    previous = state;
  }
  let held: HeldLease = lease;
  options.onTaken?.(held, previous);

  let lostWith: LeaseLost | null = null;
  let rejectLost: (loss: LeaseLost) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => {
    rejectLost = reject;
  });
  lost.catch(() => undefined);
  let renewing: Promise<void> = Promise.resolve();
  const lose = (reason: string): LeaseLost => {
    if (lostWith !== null) return lostWith;
    lostWith = new LeaseLost(key, reason);
    clearInterval(timer);
    options.onLost?.(lostWith);
    rejectLost(lostWith);
    return lostWith;
  };
  const holds = (): boolean => lostWith === null && now() < held.until;
  const renew = async (): Promise<void> => {
    if (lostWith !== null) return;
    if (!holds()) {
      lose(`not renewed before its end at ${new Date(held.until).toISOString()}`);
      return;
    }
    try {
      const renewed = await renewLease(store, held, now(), durationMs);
      if (lostWith !== null) return;
      if (isLeft(renewed)) {
        lose(
          renewed.left.code === 'CONCURRENCY_CONFLICT'
            ? 'another engine wrote the lease stream: it was taken over'
            : renewed.left.message,
        );
        return;
      }
      held = renewed.right;
    } catch {
      // The store did not answer: the next turn tries again, and the lease's end decides.
    }
  };
  // One renewal at a time: a slow store must not stack them up (each expects the last version).
  // Unreferenced: holding a lease is no reason for a process to live on once its work is done.
  const timer = setInterval(() => {
    renewing = renewing.then(renew);
  }, renewMs).unref();

  return {
    key,
    current: () => held,
    holds,
    fence() {
      if (lostWith !== null) throw lostWith;
      if (!holds()) throw lose(`ran out at ${new Date(held.until).toISOString()}`);
      return fenceOf(held);
    },
    lose,
    lost,
    async release() {
      clearInterval(timer);
      await renewing;
      if (lostWith !== null) return;
      lostWith = new LeaseLost(key, 'released');
      await releaseLease(store, held, now());
    },
  };
};
