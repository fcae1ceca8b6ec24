import { ceilToTick, floorToTick } from '../decimal';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { better, isLong } from '../side';

const hasTpFill = (s: OrderState): boolean => s.takeProfits.some((l) => l.filledQuantity > 0);

/**
 * Break-even (SEMANTICS §3.5): with break-even on and a TP filled, the fixed stop moves to the
 * entry fill price, unless it is already there or tighter. An average entry price off the tick
 * grid is rounded toward the market, so the stop never sits below break-even. Decided when
 * break-even is switched on, and by `decideBreakEvenOnFill` at the first fill.
 */
export const decideBreakEven = (s: OrderState, ts: number): OrderEvent[] => {
  if (!s.breakEven || !hasTpFill(s) || s.entryPrice === null || s.closing !== null) return [];
  const { side, market } = s.spec;
  const to = isLong(side)
    ? ceilToTick(s.entryPrice, market.tickSize)
    : floorToTick(s.entryPrice, market.tickSize);
  if (s.stopLoss !== null && !better(side, to, s.stopLoss)) return [];
  return [event('BreakEvenMoved', ts, { from: s.stopLoss, to })];
};

/**
 * Only the first TP fill moves the stop: a stop the user set after it (looser, even) is the
 * user's, and a later fill leaves it alone. `before` is the state before the fill.
 */
export const decideBreakEvenOnFill = (
  before: OrderState,
  after: OrderState,
  ts: number,
): OrderEvent[] => (hasTpFill(before) ? [] : decideBreakEven(after, ts));
