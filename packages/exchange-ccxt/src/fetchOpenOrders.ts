import type { Order } from 'ccxt';
import { marketOf, type AdapterContext } from './adapterContext';
import type { CcxtExchangeId } from './exchangeIds';

// Where a venue lists resting stops apart from ordinary orders, and how to ask for them:
// binance's USDⓈ-M algo service (`/fapi/v1/openAlgoOrders`), okx's pending `conditional` algo
// orders (`orders-algo-pending`). The other venues list them with the rest.
const STOP_LISTS: Partial<Record<CcxtExchangeId, Record<string, unknown>>> = {
  binance: { trigger: true },
  okx: { trigger: true, ordType: 'conditional' },
};

/** A symbol's open orders, native stops included. */
export const fetchOpenOrders = async (
  ctx: AdapterContext,
  symbol: string | undefined,
): Promise<Order[]> => {
  const open = await ctx.exchange.fetchOpenOrders(symbol);
  const market = symbol === undefined ? undefined : marketOf(ctx, symbol);
  const stopList = STOP_LISTS[ctx.exchangeId];
  if (stopList === undefined || market?.swap !== true || market.linear !== true) return open;
  const stops = await ctx.exchange.fetchOpenOrders(symbol, undefined, undefined, stopList);
  return [...open, ...stops];
};
