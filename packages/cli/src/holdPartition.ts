import { hostname } from 'node:os';
import {
  acquirePartition,
  LeaseHeld,
  type EventStore,
  type PartitionOwnership,
} from '@smart-orders/engine';
import { badInput } from './cliFailure';
import type { Io } from './commands/replay';

export interface PartitionArgs {
  /** The partition's key; `lease-<key>` is its lease stream. */
  readonly key: string;
  readonly standby: boolean;
  readonly leaseMs: number;
}

/** The default lease: taken over about a lease and one renewal (a tenth of it) after a kill. */
export const DEFAULT_LEASE_MS = 10_000;

/** Below this a lease renewed every tenth of it would be renewed faster than a store answers. */
const MIN_LEASE_MS = 500;

export const checkLeaseMs = (leaseMs: number): number => {
  if (!Number.isSafeInteger(leaseMs) || leaseMs < MIN_LEASE_MS)
    badInput(
      `--lease-ms: must be a whole number of milliseconds >= ${MIN_LEASE_MS}, got ${leaseMs}`,
    );
  return leaseMs;
};

/** `--partition`: what a lease stream's name may hold. */
export const checkPartitionKey = (key: string | undefined): void => {
  if (key !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(key))
    badInput(
      `--partition: must be 1..64 characters of [A-Za-z0-9_.-] (an account id or a symbol group's name), got "${key}"`,
    );
};

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * Takes the partition's lease for this process before it reads or writes anything of the
 * partition, saying on stderr what it waits for and what it took over. A standby waits for as
 * long as the owner renews; otherwise a lease found held is waited out only if its owner does not
 * renew it (a run killed without releasing it), and a live owner makes this a refusal (exit 2).
 */
export const holdPartition = async (
  store: EventStore,
  args: PartitionArgs,
  io: Io,
): Promise<PartitionOwnership> => {
  const engineId = `${hostname()}:${process.pid}`;
  const stream = `lease-${args.key}`;
  try {
    return await acquirePartition({
      store,
      key: args.key,
      engineId,
      durationMs: args.leaseMs,
      standby: args.standby,
      onWaiting: (lease) =>
        io.err(
          args.standby
            ? `standby: ${stream} is held by ${lease.holder} (epoch ${lease.epoch}) until ${iso(lease.until)}; waiting to take over when it is released or runs out`
            : `${stream} is held by ${lease.holder} (epoch ${lease.epoch}) until ${iso(lease.until)}; waiting to see whether it is renewed (a run killed without releasing it leaves it to run out)`,
        ),
      onTaken: (lease, previous) =>
        io.err(
          previous.holder === null
            ? `${stream}: taken by ${engineId} at epoch ${lease.epoch}`
            : `${stream}: taken over by ${engineId} at epoch ${lease.epoch} from ${previous.holder} (epoch ${previous.epoch}), whose lease ran out at ${iso(previous.until)}`,
        ),
    });
  } catch (error) {
    if (error instanceof LeaseHeld)
      return badInput(
        `--partition: ${error.message}; start this one with --standby to take over when it ends`,
      );
    throw error;
  }
};
