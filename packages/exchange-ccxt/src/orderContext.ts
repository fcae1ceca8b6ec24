import type { OrderRequest } from '@smart-orders/engine';
import { marketOf, type AdapterContext } from './adapterContext';
import { contractSizeOf } from './orderArgs';
import type { OrderContext } from './toExchangeOrder';

export const contractSizeOfSymbol = (ctx: AdapterContext, symbol: string): number => {
  const market = marketOf(ctx, symbol);
  return market === undefined ? 1 : contractSizeOf(market);
};

export const contextOfRequest = (ctx: AdapterContext, request: OrderRequest): OrderContext => ({
  clientOrderId: request.clientOrderId,
  symbol: request.symbol,
  side: request.side,
  type: request.type,
  quantity: request.quantity,
  contractSize: contractSizeOfSymbol(ctx, request.symbol),
});

/** For an order known only by its id and symbol (lookups, cancels, open orders). */
export const contextOfId = (
  ctx: AdapterContext,
  clientOrderId: string,
  symbol: string,
): OrderContext => ({
  clientOrderId,
  symbol,
  side: 'BUY',
  type: 'MARKET',
  quantity: 0,
  contractSize: contractSizeOfSymbol(ctx, symbol),
});
