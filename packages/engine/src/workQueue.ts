/**
 * Runs units of work one at a time, in arrival order. Ticks, user commands and exchange
 * reports all pass through it, so an order never sees two decisions at once and a tick's
 * batch never interleaves with another's.
 */
export interface WorkQueue {
  /** `work` may answer at once (a tick that moves nothing) or later. */
  run<T>(work: () => T | Promise<T>): Promise<T>;
  /** Resolves when everything queued so far has finished, however it ended. */
  drain(): Promise<void>;
}

const ignore = (): void => undefined;

export const createWorkQueue = (): WorkQueue => {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: () => T | Promise<T>): Promise<T> {
      // The next work runs whether this one succeeded or failed; its failure is its caller's.
      const result = tail.then(work, work);
      tail = result;
      return result;
    },
    async drain() {
      let seen: Promise<unknown>;
      do {
        seen = tail;
        await seen.then(ignore, ignore);
      } while (seen !== tail);
    },
  };
};
