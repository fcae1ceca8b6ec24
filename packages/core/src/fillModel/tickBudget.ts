import Big from 'big.js';
import type { Tick } from '../commands/tick';
import type { Side } from '../side';

/**
 * What one tick printed, left to fill (SEMANTICS §9.4): one budget shared by every fill on that
 * tick, across orders, in order of creation. A trade tick prints one size (its `quantity`),
 * taken by buys and sells alike; a quote tick offers `askSize` to buys and `bidSize` to sells.
 * `null`: the recording has no size there, and fills are not limited.
 */
export interface TickBudget {
  readonly symbol: string;
  readonly ts: number;
  readonly trade: number | null;
  readonly bid: number | null;
  readonly ask: number | null;
}

const sizeOf = (u: number | undefined): number | null => (u === undefined ? null : u);

/** The budget of a fresh tick; `sizeLimits: false` (or a recording without sizes) fills in full. */
export const tickBudget = (tick: Tick, sizeLimits: boolean): TickBudget =>
  sizeLimits
    ? {
        symbol: tick.symbol,
        ts: tick.ts,
        trade: tick.price === undefined ? null : sizeOf(tick.quantity),
        bid: sizeOf(tick.bidSize),
        ask: sizeOf(tick.askSize),
      }
    : { symbol: tick.symbol, ts: tick.ts, trade: null, bid: null, ask: null };

/** Whether the tick's fill price for `side` comes from the trade or from the book. */
export type PriceSource = 'TRADE' | 'QUOTE';

/** How much a fill of `side` may still take from the budget; null when unlimited. */
export const budgetFor = (budget: TickBudget, side: Side, source: PriceSource): number | null =>
  source === 'TRADE' ? budget.trade : side === 'BUY' ? budget.ask : budget.bid;

/** The budget after a fill of `quantity`. */
export const spendBudget = (
  budget: TickBudget,
  side: Side,
  source: PriceSource,
  quantity: number,
): TickBudget => {
  const left = (size: number | null): number | null =>
    size === null ? null : new Big(size).minus(quantity).toNumber();
  if (source === 'TRADE') return { ...budget, trade: left(budget.trade) };
  return side === 'BUY'
    ? { ...budget, ask: left(budget.ask) }
    : { ...budget, bid: left(budget.bid) };
};
