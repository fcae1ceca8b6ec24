import Big from 'big.js';
import type { Tick } from '../commands/tick';
import type { Side } from '../side';
import { feeOf, type Liquidity } from './fee';
import type { Fill } from './fill';
import type { FillModelConfig } from './fillModelConfig';
import { budgetFor, spendBudget, type PriceSource, type TickBudget } from './tickBudget';
import type { WorkingOrder } from './workingOrder';

export interface Matched {
  readonly fills: readonly Fill[];
  /** The working orders given, in the same order, advanced; the ones filled in full are gone. */
  readonly orders: readonly WorkingOrder[];
  /** What the tick has left to fill orders sent in answer to it. */
  readonly budget: TickBudget;
}

/** The price a taker meets: the trade's, else the book's side it takes from. */
const takerPrice = (tick: Tick, side: Side): { price: number; source: PriceSource } | null => {
  if (tick.price !== undefined) return { price: tick.price, source: 'TRADE' };
  const quote = side === 'BUY' ? tick.ask : tick.bid;
  return quote === undefined ? null : { price: quote, source: 'QUOTE' };
};

const slipped = (config: FillModelConfig, order: WorkingOrder, price: number): number => {
  if (config.slippageBps === 0) return price;
  const rate = new Big(config.slippageBps).div(10_000);
  const moved = new Big(price).times(order.side === 'BUY' ? rate.plus(1) : new Big(1).minus(rate));
  if (order.tickSize === undefined) return moved.toNumber();
  // Against the order: a buy pays up to the next tick, a sell receives down to the one below.
  return moved
    .div(order.tickSize)
    .round(0, order.side === 'BUY' ? Big.roundUp : Big.roundDown)
    .times(order.tickSize)
    .toNumber();
};

const stopFires = (order: WorkingOrder, price: number): boolean =>
  order.side === 'SELL' ? price <= (order.stopPrice ?? 0) : price >= (order.stopPrice ?? 0);

const limitReached = (order: WorkingOrder, price: number): boolean =>
  order.side === 'BUY' ? price <= (order.price ?? 0) : price >= (order.price ?? 0);

/** Where and how the order may fill on this tick, ignoring size; null when it may not. */
const execution = (
  config: FillModelConfig,
  order: WorkingOrder,
  tick: Tick,
): { price: number; source: PriceSource; liquidity: Liquidity; fired: boolean } | null => {
  // Without a latency an order meets the next tick the exchange sees, whatever its stamp: a live
  // sender's clock and a recording's need not agree.
  if (config.latencyMs > 0 && tick.ts < order.sentAt + config.latencyMs) return null;
  const taker = takerPrice(tick, order.side);
  if (taker === null) return null;
  switch (order.type) {
    case 'LIMIT':
      return limitReached(order, taker.price)
        ? {
            price: order.price ?? taker.price,
            source: taker.source,
            liquidity: 'MAKER',
            fired: false,
          }
        : null;
    // Written out, not spread from the taker's price: a tick that fires every stop of a market
    // asks this of each of them, again at every tick until the prints have filled them.
    case 'STOP':
      if (order.fired !== true && !stopFires(order, taker.price)) return null;
      return {
        price: slipped(config, order, taker.price),
        source: taker.source,
        liquidity: 'TAKER',
        fired: true,
      };
    case 'MARKET':
      return {
        price: slipped(config, order, taker.price),
        source: taker.source,
        liquidity: 'TAKER',
        fired: false,
      };
  }
};

const fillQuantity = (order: WorkingOrder, limit: number | null): number => {
  // The tick's print is taken: nothing fills, and no decimal is worth making to say so.
  if (limit !== null && limit <= 0) return 0;
  const remaining = new Big(order.quantity).minus(order.filledQuantity);
  const capped = limit === null || remaining.lte(limit) ? remaining : new Big(Math.max(limit, 0));
  if (order.stepSize === undefined || capped.eq(remaining)) return capped.toNumber();
  return capped.div(order.stepSize).round(0, Big.roundDown).times(order.stepSize).toNumber();
};

/**
 * One tick against the working orders (SEMANTICS §9.4), in the order given, which is their
 * order of creation. A market order fills at the tick's price (the trade's, else the ask for a
 * buy and the bid for a sell), a limit at its limit when the tick reaches it, a stop as a market
 * order once the tick trades through it. Each takes at most what is left of the tick's printed
 * size; the rest stays working for later ticks (a limit only fills on ticks that still reach
 * it; a fired stop and a market order take any later price). A size that would leave a fill off
 * the order's step is floored to it, and a fill that floors to nothing waits.
 */
export const matchTick = (
  config: FillModelConfig,
  tick: Tick,
  budget: TickBudget,
  orders: readonly WorkingOrder[],
): Matched => {
  const fills: Fill[] = [];
  const next: WorkingOrder[] = [];
  let left = budget;
  for (const order of orders) {
    const ex = order.symbol === tick.symbol ? execution(config, order, tick) : null;
    if (ex === null) {
      next.push(order);
      continue;
    }
    const quantity = fillQuantity(order, budgetFor(left, order.side, ex.source));
    const advanced: WorkingOrder =
      ex.fired && order.fired !== true ? { ...order, fired: true } : order;
    if (quantity <= 0) {
      next.push(advanced);
      continue;
    }
    left = spendBudget(left, order.side, ex.source, quantity);
    const cumulativeQuantity = new Big(order.filledQuantity).plus(quantity).toNumber();
    const complete = new Big(cumulativeQuantity).gte(order.quantity);
    fills.push({
      clientOrderId: order.clientOrderId,
      symbol: order.symbol,
      side: order.side,
      ts: tick.ts,
      price: ex.price,
      quantity,
      cumulativeQuantity,
      complete,
      liquidity: ex.liquidity,
      fee: feeOf(config.fees, {
        symbol: order.symbol,
        side: order.side,
        reduceOnly: order.reduceOnly,
        liquidity: ex.liquidity,
        price: ex.price,
        quantity,
      }),
    });
    if (!complete) next.push({ ...advanced, filledQuantity: cumulativeQuantity });
  }
  return { fills, orders: next, budget: left };
};
