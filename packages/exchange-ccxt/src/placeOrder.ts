import { left, right, type Either } from 'fp-ts/Either';
import type { Order } from 'ccxt';
import type { ExchangeError, ExchangeOrder, OrderRequest } from '@smart-orders/engine';
import { marketOf, type AdapterContext } from './adapterContext';
import { classifyError } from './classifyError';
import { createOnVenue } from './createOnVenue';
import { ensureMarkets } from './ensureMarkets';
import { contextOfRequest } from './orderContext';
import { nativeStopSupportOf } from './nativeStopSupport';
import { needsLimitIocBuy, orderArgs } from './orderArgs';
import { readWithRetry } from './readWithRetry';
import { deadlineParams } from './requestDeadline';
import { resolveUnknownOutcome, type Resolution } from './resolveUnknownOutcome';
import type { SpotExitLocks } from './spotExitLocks';
import { toExchangeOrder } from './toExchangeOrder';
import { wireClientOrderId } from './wireClientOrderId';
import { withFills } from './withFills';

const referencePriceOf = async (
  ctx: AdapterContext,
  request: OrderRequest,
): Promise<Either<ExchangeError, number | undefined>> => {
  const market = marketOf(ctx, request.symbol);
  if (request.triggerPrice !== undefined || market === undefined)
    return right(request.triggerPrice);
  if (!needsLimitIocBuy(ctx.exchangeId, market, request)) return right(undefined);
  const ticker = await readWithRetry(ctx, () => ctx.exchange.fetchTicker(request.symbol));
  return ticker._tag === 'Left' ? ticker : right(ticker.right.ask ?? ticker.right.last);
};

const spotBalanceCheck = async (
  ctx: AdapterContext,
  locks: SpotExitLocks,
  request: OrderRequest,
): Promise<ExchangeError | null> => {
  const market = marketOf(ctx, request.symbol);
  if (market?.spot !== true || !request.reduceOnly) return null;
  const held = locks.held(request.symbol);
  if (held.length === 0) return null;
  const balance = await readWithRetry(ctx, () => ctx.exchange.fetchBalance());
  if (balance._tag === 'Left') return balance.left;
  const free = Number(
    (balance.right.free as unknown as Record<string, number | undefined> | undefined)?.[
      market.base
    ] ?? 0,
  );
  if (free >= request.quantity) return null;
  const holders = held.map((h) => `${h.clientOrderId} (${h.remaining})`).join(', ');
  return {
    code: 'REJECTED',
    message: `${ctx.exchangeId} ${request.symbol}: SPOT_BALANCE_LOCKED: exit of ${request.quantity} ${market.base} needs more than the ${free} free; resting exits ${holders} hold the rest, cancel them first`,
  };
};

/**
 * Places one of the engine's orders and settles what happened to it. A create that fails
 * without an answer (timeout, dropped connection, unmapped server error) is looked up by its
 * client order id: found, it is adopted; proven absent, it is sent again with the same id
 * (`Timing.maxResubmits` times at most); a duplicate-id rejection means it landed and is
 * adopted. Rejections are final and never retried; ccxt itself never retries a create.
 */
export const placeOrder = async (
  ctx: AdapterContext,
  locks: SpotExitLocks,
  request: OrderRequest,
): Promise<Either<ExchangeError, ExchangeOrder>> => {
  const wired = wireClientOrderId(ctx.exchangeId, request.clientOrderId);
  if (wired._tag === 'Left') return wired;
  const wire = wired.right;
  const markets = await ensureMarkets(ctx);
  if (markets._tag === 'Left') return markets;
  if (request.type === 'STOP') {
    const support = nativeStopSupportOf(
      ctx.exchangeId,
      request.symbol,
      marketOf(ctx, request.symbol),
    );
    if (support.mode === 'OFF')
      return left({ code: 'REJECTED', message: `NATIVE_STOP_OFF: ${support.reason}` });
  }
  const reference = await referencePriceOf(ctx, request);
  if (reference._tag === 'Left') return reference;
  const locked = await spotBalanceCheck(ctx, locks, request);
  if (locked !== null) return left(locked);
  const context = contextOfRequest(ctx, request);
  const adopt = (order: Order): ExchangeOrder => {
    if (order.id !== undefined) ctx.tracker.bind(request.clientOrderId, order.id);
    // The engine turns this answer into reports itself; the stream only must not repeat it. The
    // fills the answer lists go with it, each with its fee (SEMANTICS §9.1).
    const fills = ctx.tracker.observe(order, ctx.now()).filter((r) => r.execType === 'TRADE');
    const adopted = withFills(toExchangeOrder(ctx.exchangeId, order, context), fills);
    const market = marketOf(ctx, request.symbol);
    if (market?.spot === true && request.reduceOnly && adopted.status === 'OPEN') {
      locks.rest(request.clientOrderId, request.symbol, request.quantity);
    }
    return adopted;
  };
  for (let sends = 0; sends <= ctx.timing.maxResubmits; sends += 1) {
    const args = orderArgs({
      exchange: ctx.exchange,
      exchangeId: ctx.exchangeId,
      request,
      wireClientOrderId: wire,
      referencePrice: reference.right,
      slippage: ctx.marketBuySlippage,
      extraParams: deadlineParams(ctx.exchangeId, ctx.now),
      hedged: ctx.positionModes.get(request.symbol) === 'hedge',
    });
    if (args._tag === 'Left') return args;
    const a = args.right;
    const sentAt = ctx.now();
    ctx.tracker.track({
      clientOrderId: request.clientOrderId,
      wire,
      symbol: request.symbol,
      contractSize: context.contractSize,
      sentAt,
    });
    let resolution: Resolution;
    try {
      return right(adopt(await createOnVenue(ctx, a, wire, request.type === 'STOP')));
    } catch (e) {
      const failure = classifyError(ctx.exchangeId, e, ctx.secrets);
      if (failure.kind === 'rejected' || failure.kind === 'authentication')
        return left(failure.error);
      const pause = ctx.timing.rateLimitPauseMs;
      if (failure.kind === 'rateLimited' && pause !== null) {
        // Refused by the venue's limits, nothing placed: the same id again once the limit turns.
        if (sends === ctx.timing.maxResubmits) return left(failure.error);
        await ctx.sleep(pause);
        continue;
      }
      resolution = await resolveUnknownOutcome(ctx, {
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
        wire,
        sentAt,
        mayBeAbsent: failure.kind !== 'duplicate',
      });
    }
    if (resolution.kind === 'found') return right(adopt(resolution.order));
    if (resolution.kind === 'unresolved') return left(resolution.error);
  }
  return left({
    code: 'NETWORK',
    message: `${ctx.exchangeId}: order ${request.clientOrderId} on ${request.symbol} was proven absent after every one of ${ctx.timing.maxResubmits + 1} sends; not sending it again`,
  });
};
