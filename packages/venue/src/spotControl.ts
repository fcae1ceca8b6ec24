import { add } from '@smart-orders/core';
import type { BalanceLine } from './account';
import type { OrderLog } from './orderLog';
import { orderJson } from './restShapes';
import type { VenueMarkets } from './venueMarkets';
import { isOpen } from './venueOrder';

/** Every order request received, each with what became of its order. */
export const spotControlOrders = (orderLog: OrderLog, markets: VenueMarkets) => {
  const all = new Map(markets.all.flatMap((s) => s.engine.orders()).map((o) => [o.orderId, o]));
  return orderLog.entries().map((entry) => {
    const found = entry.orderId === null ? undefined : all.get(entry.orderId);
    return {
      ...entry,
      order:
        found === undefined
          ? null
          : {
              status: found.status,
              executedQty: found.executedQty,
              cumulativeQuoteQty: found.cumulativeQuoteQty,
            },
    };
  });
};

/** Spot: the position in a market is the base asset held, free or locked. */
export const spotControlAccount = (lines: readonly BalanceLine[], markets: VenueMarkets) => {
  const balances = lines.map((b) => ({ ...b, total: add(b.free, b.locked) }));
  return {
    balances,
    positions: markets.all.map(({ market }) => ({
      symbol: market.symbol,
      quantity: balances.find((b) => b.asset === market.base)?.total ?? 0,
    })),
    workingOrders: markets.all.flatMap((s) => s.engine.orders().filter(isOpen)).map(orderJson),
  };
};
