import { right, type Either } from 'fp-ts/Either';
import type { Order } from 'ccxt';
import type { ExchangeError, ExchangeOrder } from '@smart-orders/engine';
import type { AdapterContext } from './adapterContext';
import { ensureMarkets } from './ensureMarkets';
import { lookupInLane } from './lookupInLane';
import { contextOfId, contractSizeOfSymbol } from './orderContext';
import { readWithRetry } from './readWithRetry';
import { toExchangeOrder } from './toExchangeOrder';
import { wireClientOrderId } from './wireClientOrderId';
import { withFills } from './withFills';

/** The lookup of the port, as seen by the tracker (it does not report: the engine does). */
export const findOrder = async (
  ctx: AdapterContext,
  clientOrderId: string,
  symbol: string,
  since?: number,
): Promise<Either<ExchangeError, Order | null>> => {
  const wired = wireClientOrderId(ctx.exchangeId, clientOrderId);
  if (wired._tag === 'Left') return wired;
  const markets = await ensureMarkets(ctx);
  if (markets._tag === 'Left') return markets;
  const tracked = ctx.tracker.get(clientOrderId);
  const from = since ?? tracked?.sentAt ?? ctx.now() - ctx.timing.lookupHorizonMs;
  const look = (notBefore?: number) =>
    readWithRetry(ctx, async () => {
      const read = await lookupInLane(
        ctx,
        { symbol, wire: wired.right, since: from - ctx.timing.settleMarginMs },
        notBefore,
      );
      return read.value;
    });
  const first = await look();
  if (first._tag === 'Left' || first.right !== null) return first;
  // A create signed before this process started (or just now) may still be executed until
  // its deadline: only a lookup after that proves the id absent.
  const provenAt =
    Math.max(ctx.startedAt, tracked?.sentAt ?? 0) +
    ctx.timing.createDeadlineMs +
    ctx.timing.settleMarginMs;
  const wait = provenAt - ctx.now();
  if (wait <= 0) return first;
  await ctx.sleep(wait);
  // Not a read that started before the proof time, even if one of this id is still running.
  return look(provenAt);
};

/**
 * Right(null) only when the venue shows, after any create of this id can no longer be
 * executed, that it has no such order; a scan that could not see everything is an error.
 */
export const lookupOrder = async (
  ctx: AdapterContext,
  clientOrderId: string,
  symbol: string,
  since?: number,
): Promise<Either<ExchangeError, ExchangeOrder | null>> => {
  const found = await findOrder(ctx, clientOrderId, symbol, since);
  if (found._tag === 'Left' || found.right === null) return found as Either<ExchangeError, null>;
  const order = found.right;
  const wire = wireClientOrderId(ctx.exchangeId, clientOrderId);
  if (ctx.tracker.get(clientOrderId) === undefined && wire._tag === 'Right') {
    ctx.tracker.track({
      clientOrderId,
      wire: wire.right,
      symbol,
      contractSize: contractSizeOfSymbol(ctx, symbol),
      sentAt: order.timestamp ?? ctx.now(),
    });
  }
  if (order.id !== undefined) ctx.tracker.bind(clientOrderId, order.id);
  const fills = ctx.tracker.observe(order, ctx.now()).filter((r) => r.execType === 'TRADE');
  return right(
    withFills(
      toExchangeOrder(ctx.exchangeId, order, contextOfId(ctx, clientOrderId, symbol)),
      fills,
    ),
  );
};
