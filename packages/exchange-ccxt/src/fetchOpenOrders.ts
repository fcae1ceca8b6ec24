import type { Order } from 'ccxt';
import { marketOf, type AdapterContext } from './adapterContext';

/**
 * A symbol's open orders, native stops included: binance keeps USDⓈ-M stops in its algo
 * service, listed apart (`/fapi/v1/openAlgoOrders`); the other venues list them with the rest.
 */
export const fetchOpenOrders = async (
  ctx: AdapterContext,
  symbol: string | undefined,
): Promise<Order[]> => {
  const open = await ctx.exchange.fetchOpenOrders(symbol);
  const market = symbol === undefined ? undefined : marketOf(ctx, symbol);
  if (ctx.exchangeId !== 'binance' || market?.swap !== true || market.linear !== true) return open;
  const stops = await ctx.exchange.fetchOpenOrders(symbol, undefined, undefined, { trigger: true });
  return [...open, ...stops];
};
