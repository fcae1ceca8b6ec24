import type { OrderRequest } from '@smart-orders/engine';
import type { CcxtExchangeId } from './exchangeIds';

/** The side of a hedge-mode account an order belongs to: an entry opens it, an exit closes it. */
export const hedgeSideOf = (
  request: Pick<OrderRequest, 'side' | 'reduceOnly'>,
): 'LONG' | 'SHORT' => ((request.side === 'BUY') !== request.reduceOnly ? 'LONG' : 'SHORT');

/**
 * The parameters that name the position an order trades in hedge mode, where the account
 * holds a long and a short of one symbol apart: Binance's `positionSide` (LONG or SHORT; an
 * exit closes its side by that alone, and Binance refuses `reduceOnly` beside it, -1106),
 * Bybit's `positionIdx` (1 the long side, 2 the short side; `reduceOnly` stays). `reduceOnly`
 * is false where the venue must not be sent it.
 */
export const hedgeParams = (
  exchangeId: CcxtExchangeId,
  request: Pick<OrderRequest, 'side' | 'reduceOnly'>,
): { readonly params: Record<string, unknown>; readonly reduceOnly: boolean } => {
  const side = hedgeSideOf(request);
  switch (exchangeId) {
    case 'binance':
      return { params: { positionSide: side }, reduceOnly: false };
    case 'bybit':
      return { params: { positionIdx: side === 'LONG' ? 1 : 2 }, reduceOnly: request.reduceOnly };
    default:
      // `futuresSettings.ts` refuses hedge mode elsewhere before any order is sent.
      throw new Error(`${exchangeId}: hedge mode is not supported`);
  }
};
