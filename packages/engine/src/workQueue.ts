/**
 * Runs units of work one at a time, in arrival order. Ticks, user commands and exchange
 * reports all pass through it, so an order never sees two decisions at once and a tick's
 * batch never interleaves with another's.
 */
export interface WorkQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has finished. */
  drain(): Promise<void>;
}

export const createWorkQueue = (): WorkQueue => {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: () => Promise<T>): Promise<T> {
      const result = tail.then(work, work);
      tail = result.catch(() => undefined);
      return result;
    },
    async drain() {
      let seen: Promise<unknown>;
      do {
        seen = tail;
        await seen;
      } while (seen !== tail);
    },
  };
};
