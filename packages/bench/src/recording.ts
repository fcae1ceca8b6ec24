import type { Tick } from '@smart-orders/core';
import { readTicks } from '@smart-orders/replay-files';

export interface TickFileSpec {
  readonly file: string;
  readonly symbol: string;
  readonly mid: number;
}

export const loadTicks = async (spec: TickFileSpec): Promise<readonly Tick[]> => {
  const read = await readTicks(spec.file, { symbol: spec.symbol });
  if (read._tag === 'Left') throw new Error(read.left.message);
  return read.right.ticks;
};

/**
 * The recording played again and again, each pass `round` later than the one before by the
 * recording's length and a second, so that time only moves forward.
 */
export const passOf = (ticks: readonly Tick[]): ((round: number) => (tick: Tick) => Tick) => {
  const first = ticks[0]?.ts ?? 0;
  const span = (ticks[ticks.length - 1]?.ts ?? first) - first + 1_000;
  return (round) => (tick) => (round === 0 ? tick : { ...tick, ts: tick.ts + round * span });
};
