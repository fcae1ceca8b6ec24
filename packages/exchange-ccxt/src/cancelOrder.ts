import { left, right, type Either } from 'fp-ts/Either';
import type { ExchangeError, ExchangeOrder } from '@smart-orders/engine';
import type { AdapterContext } from './adapterContext';
import { cancelByClientOrderId } from './cancelByClientOrderId';
import { ensureMarkets } from './ensureMarkets';
import { lookupOrder } from './lookupOrder';
import { isNativeStopId } from './nativeStopId';
import { readWithRetry } from './readWithRetry';
import { wireClientOrderId } from './wireClientOrderId';

const SETTLE_TRIES = 3;

/**
 * Cancels by client order id, then reads the order back: the venue's answer to a cancel is
 * often just an id, and an order that filled meanwhile must be reported as filled.
 */
export const cancelOrder = async (
  ctx: AdapterContext,
  clientOrderId: string,
  symbol: string,
): Promise<Either<ExchangeError, ExchangeOrder>> => {
  const wired = wireClientOrderId(ctx.exchangeId, clientOrderId);
  if (wired._tag === 'Left') return wired;
  const markets = await ensureMarkets(ctx);
  if (markets._tag === 'Left') return markets;
  let exchangeOrderId = ctx.tracker.get(clientOrderId)?.exchangeOrderId;
  const byVenueIdOnly =
    ctx.exchangeId === 'coinbase' || (ctx.exchangeId === 'okx' && isNativeStopId(clientOrderId));
  if (exchangeOrderId === undefined && byVenueIdOnly) {
    const found = await lookupOrder(ctx, clientOrderId, symbol);
    if (found._tag === 'Left') return found;
    if (found.right === null)
      return left({
        code: 'NOT_FOUND',
        message: `${ctx.exchangeId}: no order ${clientOrderId} on ${symbol}`,
      });
    exchangeOrderId = found.right.exchangeOrderId;
  }
  // A cancel is idempotent, so a timeout is simply tried again; a refusal (already filled,
  // unknown order) is settled by the lookup below.
  const asked = await readWithRetry(ctx, () =>
    cancelByClientOrderId(ctx.exchange, ctx.exchangeId, symbol, wired.right, exchangeOrderId),
  );
  if (asked._tag === 'Left' && asked.left.code === 'AUTHENTICATION') return asked;
  for (let attempt = 0; ; attempt += 1) {
    const found = await lookupOrder(ctx, clientOrderId, symbol);
    if (found._tag === 'Left') return found;
    if (found.right === null) {
      return left({
        code: 'NOT_FOUND',
        message: `${ctx.exchangeId}: no order ${clientOrderId} on ${symbol}`,
      });
    }
    if (found.right.status !== 'OPEN' || attempt + 1 >= SETTLE_TRIES) return right(found.right);
    await ctx.sleep(ctx.timing.backoffMs[attempt] ?? 500);
  }
};
