import { ceilToTick, floorToTick } from '../decimal';
import { event, type OrderEvent } from '../events/orderEvent';
import type { OrderState } from '../state/orderState';
import { better, isLong } from '../side';

/**
 * Break-even (SEMANTICS §3.5): once a TP has filled and break-even is on, the fixed stop moves
 * to the entry fill price, unless it is already there or tighter. An average entry price off
 * the tick grid is rounded toward the market, so the stop never sits below break-even.
 */
export const decideBreakEven = (s: OrderState, ts: number): OrderEvent[] => {
  if (!s.breakEven || s.breakEvenMoved || !s.anyTpFilled || s.entryPrice === null || s.closing !== null) return [];
  const { side, market } = s.spec;
  const to = isLong(side) ? ceilToTick(s.entryPrice, market.tickSize) : floorToTick(s.entryPrice, market.tickSize);
  if (s.stopLoss !== null && !better(side, to, s.stopLoss)) return [];
  return [event('BreakEvenMoved', ts, { from: s.stopLoss, to })];
};
