import type { VenueTick } from './venueTick';

export type PlayMode = { readonly step: true } | { readonly step: false; readonly speed: number };

/** Plays the recorded ticks: the first at start, the rest when told (step) or on the recorded clock ÷ speed. */
export interface TickPlayer {
  start(): void;
  /** Plays up to n more ticks now; returns how many were played. */
  advance(n: number): number;
  played(): number;
  total(): number;
  stop(): void;
}

export const createTickPlayer = (
  ticks: readonly VenueTick[],
  play: (tick: VenueTick) => void,
  mode: PlayMode,
): TickPlayer => {
  let next = 0;
  let timer: NodeJS.Timeout | null = null;
  let startedAt = 0;
  let stopped = false;

  const advance = (n: number): number => {
    const until = Math.min(next + n, ticks.length);
    const from = next;
    while (next < until) {
      const tick = ticks[next];
      next += 1;
      if (tick !== undefined) play(tick);
    }
    return until - from;
  };

  const first = ticks[0]?.ts ?? 0;
  const dueAt = (tick: VenueTick): number =>
    startedAt + (tick.ts - first) / (mode.step ? 1 : mode.speed);

  const schedule = () => {
    const tick = ticks[next];
    if (tick === undefined || mode.step || stopped) return;
    timer = setTimeout(
      () => {
        const wall = Date.now();
        let due = 0;
        for (let i = next; i < ticks.length && dueAt(ticks[i] as VenueTick) <= wall; i++) due++;
        advance(Math.max(due, 1));
        schedule();
      },
      Math.max(0, dueAt(tick) - Date.now()),
    );
  };

  return {
    start: () => {
      startedAt = Date.now();
      advance(1);
      schedule();
    },
    advance,
    played: () => next,
    total: () => ticks.length,
    stop: () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
    },
  };
};
