import { left, right, type Either } from 'fp-ts/Either';
import type { ExchangeError, ExchangeOrder, StopChange } from '@smart-orders/engine';
import { marketOf, type AdapterContext } from './adapterContext';
import { amendOnVenue, stopPriceOfArgs } from './amendOnVenue';
import { ensureMarkets } from './ensureMarkets';
import { lookupOrder } from './lookupOrder';
import { isNativeStopId } from './nativeStopId';
import { nativeStopSupportOf } from './nativeStopSupport';
import { orderArgs } from './orderArgs';
import { contractSizeOfSymbol } from './orderContext';
import { readWithRetry } from './readWithRetry';
import { toBase } from './toExchangeOrder';
import { wireClientOrderId } from './wireClientOrderId';

/**
 * Moves a resting native stop in place (`amendOnVenue`): its trigger price and size, sized and rounded as a place would be. The change is absolute, so a timed out
 * amend is simply sent again; a refusal (such as "nothing to change" after an amend that did
 * land) is settled by reading the stop back.
 */
export const amendStop = async (
  ctx: AdapterContext,
  clientOrderId: string,
  symbol: string,
  change: StopChange,
): Promise<Either<ExchangeError, ExchangeOrder>> => {
  const wired = wireClientOrderId(ctx.exchangeId, clientOrderId);
  if (wired._tag === 'Left') return wired;
  const markets = await ensureMarkets(ctx);
  if (markets._tag === 'Left') return markets;
  const where = `${ctx.exchangeId} ${symbol}`;
  if (!isNativeStopId(clientOrderId)) {
    return left({
      code: 'REJECTED',
      message: `${where}: AMEND_NOT_A_STOP: ${clientOrderId} is not a native stop's id (son…)`,
    });
  }
  const support = nativeStopSupportOf(ctx.exchangeId, symbol, marketOf(ctx, symbol));
  if (support.mode !== 'AMEND') {
    return left({
      code: 'REJECTED',
      message:
        support.mode === 'OFF'
          ? `${where}: AMEND_UNSUPPORTED: ${support.reason}`
          : `${where}: AMEND_UNSUPPORTED: the venue cannot move a stop in place; place the new stop, then cancel the old one`,
    });
  }
  const args = orderArgs({
    exchange: ctx.exchange,
    exchangeId: ctx.exchangeId,
    request: {
      clientOrderId,
      orderId: '',
      symbol,
      side: change.side,
      type: 'STOP',
      quantity: change.quantity,
      stopPrice: change.stopPrice,
      reduceOnly: true,
      ts: change.ts,
    },
    wireClientOrderId: wired.right,
    referencePrice: undefined,
    slippage: ctx.marketBuySlippage,
    extraParams: {},
  });
  if (args._tag === 'Left') return args;
  const a = args.right;
  const asked = await readWithRetry(ctx, () => amendOnVenue(ctx, a, wired.right));
  if (asked._tag === 'Left' && asked.left.code === 'AUTHENTICATION') return asked;
  const found = await lookupOrder(ctx, clientOrderId, symbol);
  if (found._tag === 'Left') return found;
  if (found.right === null)
    return left({ code: 'NOT_FOUND', message: `${where}: no native stop ${clientOrderId}` });
  const stop = found.right;
  const moved =
    stop.stopPrice === stopPriceOfArgs(a) &&
    stop.quantity === toBase(a.amount, contractSizeOfSymbol(ctx, symbol));
  return asked._tag === 'Left' && !moved ? asked : right(stop);
};
