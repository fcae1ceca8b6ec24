import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { better } from '../side';
import { breakEvenPrice } from './breakEvenPrice';

const hasTpFill = (s: OrderState): boolean => s.takeProfits.some((l) => l.filledQuantity > 0);

/**
 * Break-even (SEMANTICS §3.5): with break-even on and a TP filled, the fixed stop moves to the
 * break-even price (`breakEvenPrice`: the entry, or with `offset: "FEES"` the entry with its
 * fees, §9.3), unless it is already there or tighter. Decided when
 * break-even is switched on, and by `decideBreakEvenOnFill` at the first fill.
 */
export const decideBreakEven = (s: OrderState, ts: number): OrderEvent[] => {
  if (!s.breakEven || !hasTpFill(s) || s.closing !== null) return [];
  const to = breakEvenPrice(s);
  if (to === null) return [];
  if (s.stopLoss !== null && !better(s.spec.side, to, s.stopLoss)) return [];
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
