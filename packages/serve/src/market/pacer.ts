/** Thrown into the replay's loop when the server stops, so that it ends where it is. */
export class ReplayStopped extends Error {
  constructor() {
    super('the replay was stopped');
  }
}

export interface Pacer {
  /** Resolves when a tick of market time `ts` is due on the wall clock. */
  due(ts: number): Promise<void>;
  set(change: {
    readonly paused?: boolean;
    readonly speed?: number;
    readonly pauseAt?: number;
  }): void;
  readonly speed: number;
  readonly paused: boolean;
  readonly pauseAt: number | null;
  stop(): void;
}

interface Pending {
  readonly ts: number;
  readonly resolve: () => void;
  readonly reject: (e: Error) => void;
}

/**
 * Real time × speed: a tick is due `(ts − anchor's market time) / speed` after the anchor's
 * wall time. Pausing and changing speed re-anchor at the last tick played, so the recorded
 * intervals carry on from there instead of jumping. Ticks already due go out on
 * `setImmediate`, not a timer (1 ms at least), so a fast replay is not capped at 1000 ticks/s
 * and HTTP requests still get their turn between ticks.
 */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const createPacer = (initial: { speed: number; paused: boolean }, now = Date.now): Pacer => {
  let { speed, paused } = initial;
  let anchor: { wall: number; market: number } | null = null;
  let pending: Pending | null = null;
  let lastTs: number | null = null;
  let cancel: (() => void) | null = null;
  let stopped = false;
  let pauseAt: number | null = null;

  const clear = () => {
    cancel?.();
    cancel = null;
  };
  const release = () => {
    cancel = null;
    const p = pending;
    if (p === null) return;
    pending = null;
    lastTs = p.ts;
    p.resolve();
  };
  const schedule = () => {
    clear();
    if (pending === null || paused || stopped) return;
    if (pauseAt !== null && pending.ts > pauseAt) {
      paused = true;
      pauseAt = null;
      return;
    }
    anchor ??= { wall: now(), market: pending.ts };
    const wait = anchor.wall + (pending.ts - anchor.market) / speed - now();
    if (wait <= 0) {
      const immediate = setImmediate(release);
      cancel = () => clearImmediate(immediate);
    } else if (wait > MAX_TIMER_MS) {
      // A long gap at a slow speed: Node's timers hold at most ~24.8 days (a longer one fires
      // at once with a TimeoutOverflowWarning), so wait in steps and look again.
      const timer = setTimeout(schedule, MAX_TIMER_MS);
      cancel = () => clearTimeout(timer);
    } else {
      const timer = setTimeout(release, wait);
      cancel = () => clearTimeout(timer);
    }
  };
  const reanchor = () => {
    const market = lastTs ?? pending?.ts;
    anchor = market === undefined ? null : { wall: now(), market };
  };

  return {
    due: (ts) =>
      new Promise<void>((resolve, reject) => {
        if (stopped) return reject(new ReplayStopped());
        pending = { ts, resolve, reject };
        schedule();
      }),
    set(change) {
      if (change.speed !== undefined) speed = change.speed;
      if (change.paused !== undefined) paused = change.paused;
      if (change.pauseAt !== undefined) pauseAt = change.pauseAt;
      reanchor();
      schedule();
    },
    get speed() {
      return speed;
    },
    get paused() {
      return paused;
    },
    get pauseAt() {
      return pauseAt;
    },
    stop() {
      stopped = true;
      clear();
      pending?.reject(new ReplayStopped());
      pending = null;
    },
  };
};
