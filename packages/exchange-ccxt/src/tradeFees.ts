import type { Exchange as CcxtInstance, Order } from 'ccxt';

/**
 * Binance's REST order carries no fee (its streams and its FULL create answer do): a fill first
 * seen through a lookup, as reconciliation finds it after a disconnect or a restart, has its fee
 * read from the account's trades of that order (`fetchMyTrades` with `orderId`), each of which
 * carries its commission and asset. The order is returned with those trades, which
 * `feeViewOf` sums. A failed trade read leaves the order as it was: the fill is reported
 * without a fee rather than not at all.
 */
export const withTradeFees = async (
  exchange: CcxtInstance,
  symbol: string,
  order: Order | null,
): Promise<Order | null> => {
  if (order === null || order.id === undefined || !((order.filled ?? 0) > 0)) return order;
  if (order.fee !== undefined || (order.trades ?? []).length > 0) return order;
  try {
    const trades = await exchange.fetchMyTrades(symbol, undefined, undefined, {
      orderId: order.id,
    });
    return trades.length === 0 ? order : { ...order, trades };
  } catch {
    return order;
  }
};
