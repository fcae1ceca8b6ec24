/**
 * The adapter's reads of orders by client order id go through one lane: they never overlap,
 * and a read asked for an id whose read is already queued or in flight joins it. A lookup on
 * kraken is two private REST calls (`OpenOrders`, `ClosedOrders`) that draw on one rate budget;
 * lookups made every few seconds per order overlapped, exceeded it, and queued without bound
 * behind ccxt's throttle, where a stop exit then waited.
 */
export interface LookupLane {
  /**
   * The answer of a read of `key`, with when that read started: the one queued or in flight if
   * it started (or will start) at or after `notBefore`, else a new one queued behind every read
   * of the lane. A caller that needs an answer given after some time (a proof of absence) says so
   * with `notBefore`.
   */
  read<T>(key: string, look: () => Promise<T>, notBefore?: number): Promise<Read<T>>;
}

export interface Read<T> {
  readonly value: T;
  readonly startedAt: number;
}

interface Pending {
  startedAt: number | undefined;
  readonly answer: Promise<Read<unknown>>;
}

export const createLookupLane = (now: () => number): LookupLane => {
  const pending = new Map<string, Pending>();
  let tail: Promise<unknown> = Promise.resolve();
  return {
    read<T>(key: string, look: () => Promise<T>, notBefore = -Infinity): Promise<Read<T>> {
      const joined = pending.get(key);
      // A read still queued starts later than now, so it answers any `notBefore` up to now.
      if (
        joined !== undefined &&
        (joined.startedAt === undefined ? now() >= notBefore : joined.startedAt >= notBefore)
      ) {
        return joined.answer as Promise<Read<T>>;
      }
      const entry: Pending = {
        startedAt: undefined,
        answer: tail.then(async () => {
          const startedAt = now();
          entry.startedAt = startedAt;
          return { value: await look(), startedAt };
        }),
      };
      pending.set(key, entry);
      const settle = () => {
        if (pending.get(key) === entry) pending.delete(key);
      };
      tail = entry.answer.then(settle, settle);
      return entry.answer as Promise<Read<T>>;
    },
  };
};
