import type { Work, WorkResult } from './work';

/** How a live engine sees time pass (SEMANTICS §8.6). */
export interface TimerOptions {
  /** Between two looks at the deadlines; default one second. */
  readonly intervalMs?: number;
  /** The wall clock, epoch milliseconds; default `Date.now`. */
  readonly now?: () => number;
}

/**
 * Whether the engine keeps time on its own: by default when it runs live protocols (a live
 * exchange), not in replays, whose ticks carry the time; `false` turns it off, options on.
 */
export const deadlineTimerOf = (
  asked: TimerOptions | false | undefined,
  liveProtocols: boolean,
): TimerOptions | false => asked ?? (liveProtocols ? {} : false);

/**
 * A live engine's timer: every interval, the clock's time enters as a `Timer` for the orders
 * whose deadline it has passed, so that an entry timeout or a position time limit is kept on a
 * market that does not trade. Only a time that passes a deadline costs a unit of work; one look
 * waits for the last. Returns the function that stops it (`false`: no timer, nothing to stop).
 */
export const startDeadlineTimer = (
  options: TimerOptions | false,
  due: (ts: number) => boolean,
  run: (work: Work) => Promise<WorkResult>,
  fail: (e: unknown) => void,
): (() => void) => {
  if (options === false) return () => undefined;
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
