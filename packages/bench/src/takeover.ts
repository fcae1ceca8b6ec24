import { acquirePartition, type EventStore } from '@smart-orders/engine';

export interface Takeover {
  /** From the owner's last lease write to the standby's take. */
  readonly ms: number;
  /** Of which past the end of the owner's lease: the standby's reaction. */
  readonly pastLeaseMs: number;
}

/**
 * A standby taking a partition over from an owner that stopped renewing (killed: no renewal, no
 * release), on the given store: the time from the owner's last lease write to the standby's
 * `EngineLeaseTaken`, at `run`'s default lease and renewal period.
 */
export const measureTakeover = async (
  store: EventStore,
  key: string,
  leaseMs = 10_000,
): Promise<Takeover> => {
  const owner = await acquirePartition({
    store,
    key,
    engineId: 'owner',
    durationMs: leaseMs,
    renewMs: 10 * leaseMs,
  });
  const lastWrite = Date.now();
  const standby = await acquirePartition({
    store,
    key,
    engineId: 'standby',
    durationMs: leaseMs,
    standby: true,
  });
  const taken = Date.now();
  const until = owner.current().until;
  await standby.release();
  return { ms: taken - lastWrite, pastLeaseMs: taken - until };
};
