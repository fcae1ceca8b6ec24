import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { better } from '../side';
import { breakEvenPrice } from './breakEvenPrice';

/**
 * The stop ladder (SEMANTICS §8.5, Cornix's "moving target"): with `stopLoss.ladder: k`, when
 * take-profit level `n` fills the fixed stop moves to the price of level `n − k`, level 0
 * being the break-even price (§3.5, with the fees of §9.3 when asked). It never loosens the
 * stop. Level 0 is the break-even move and is recorded as `BreakEvenMoved`, once: when
 * break-even already put the stop there, there is nothing left to move.
 */
export const decideStopLadder = (s: OrderState, afterLevel: number, ts: number): OrderEvent[] => {
  const k = s.spec.stopLoss?.ladder;
  // A position the fill closed has nothing left to protect (the order closes next).
  if (k === undefined || s.closing !== null || s.openQuantity <= 0) return [];
  const target = afterLevel - k;
  if (target < 0) return [];
  const to = target === 0 ? breakEvenPrice(s) : (s.takeProfits[target - 1]?.price ?? null);
  if (to === null) return [];
  if (s.stopLoss !== null && !better(s.spec.side, to, s.stopLoss)) return [];
  return target === 0
    ? [event('BreakEvenMoved', ts, { from: s.stopLoss, to })]
    : [event('StopLadderMoved', ts, { afterLevel, from: s.stopLoss, to })];
};

/**
 * A level moves the ladder at its first fill, as break-even follows the first take-profit
 * fill however small (§9.4): the price has reached the level. `before` is the state before
 * the fill.
 */
export const decideStopLadderOnFill = (
  before: OrderState,
  after: OrderState,
  level: number,
  ts: number,
): OrderEvent[] => {
  const was = before.takeProfits.find((l) => l.level === level);
  return was === undefined || was.filledQuantity > 0 ? [] : decideStopLadder(after, level, ts);
};
