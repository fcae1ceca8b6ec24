import type { Work, WorkResult } from './work';

/** How a live engine sees time pass (SEMANTICS §8.6). */
export interface TimerOptions {
  /** Between two looks at the deadlines; default one second. */
  readonly intervalMs?: number;
  /** The wall clock, epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * A live engine's timer: every interval, the clock's time enters as a `Timer` for the orders
 * whose deadline it has passed, so that an entry timeout or a position time limit is kept on a
 * market that does not trade. Only a time that passes a deadline costs a unit of work; one look
 * waits for the last. Returns the function that stops it.
 */
export const startDeadlineTimer = (
  options: TimerOptions,
  due: (ts: number) => boolean,
  run: (work: Work) => Promise<WorkResult>,
  fail: (e: unknown) => void,
): (() => void) => {
  const now = options.now ?? Date.now;
  let busy = false;
  const look = (): void => {
    const ts = now();
    if (busy || !due(ts)) return;
    busy = true;
    run({ timer: { ts } })
      .catch(fail)
      .finally(() => {
        busy = false;
      });
  };
  const handle = setInterval(look, options.intervalMs ?? 1_000);
  return () => clearInterval(handle);
};
