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
  // Works started or waiting their turn, not yet finished.
  let unfinished = 0;
  const finished = (): void => {
    unfinished -= 1;
  };
  return {
    run<T>(work: () => T | Promise<T>): Promise<T> {
      // Nothing ahead of it: the work starts now rather than a turn of the event loop later. A
      // tick that moves nothing (most of a replay's) then costs one settled promise, not a
      // chain of three; a work it starts meanwhile waits behind it, as it would have.
      if (unfinished === 0) {
        unfinished = 1;
        let answer: T | Promise<T>;
        try {
          answer = work();
        } catch (error) {
          finished();
          return Promise.reject(error);
        }
        if (!(answer instanceof Promise)) {
          finished();
          return Promise.resolve(answer);
        }
        tail = answer;
        answer.then(finished, finished);
        return answer;
      }
      unfinished += 1;
      // The next work runs whether this one succeeded or failed; its failure is its caller's.
      const result = tail.then(work, work);
      tail = result;
      result.then(finished, finished);
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
