import { floorToStep, mul } from '@smart-orders/core';
import { left, right, type Either } from 'fp-ts/Either';
import {
  binanceError,
  DUPLICATE_ORDER,
  MARKET_CLOSED,
  STOP_WOULD_TRIGGER,
  WOULD_TAKE,
  type BinanceError,
} from './binanceError';
import { checkFilters } from './filters';
import type { NewOrderRequest } from './orderRequest';
import { takerPrice, type Quote } from './quote';
import { limitCrossed, stopReached } from './triggers';
import type { VenueMarket } from './venueMarket';
import { isStopType, type VenueOrder } from './venueOrder';

export interface AdmissionContext {
  readonly market: VenueMarket;
  readonly book: Quote;
  readonly now: number;
  readonly working: Iterable<VenueOrder>;
  readonly marketClosed: boolean;
  readonly orderId: number;
}

/**
 * Binance's checks of a new order, short of funds: client order id, market state, filters, stops
 * that would trigger and makers that would take. The order it admits says what it must lock: a
 * sell its base, a buy quantity × limit (or stop, or market price) of quote.
 */
export const admitOrder = (
  request: NewOrderRequest,
  ctx: AdmissionContext,
): Either<BinanceError, VenueOrder> => {
  const { market, book, now } = ctx;
  const marketPrice = takerPrice(request.side, book);
  let quantity = request.quantity;
  if (quantity === null) {
    if (marketPrice === undefined)
      return left(binanceError(-2010, 'No market price yet to size a quoteOrderQty order.'));
    quantity = floorToStep((request.quoteOrderQty ?? 0) / marketPrice, market.rules.stepSize);
  }
  const cid = request.newClientOrderId;
  if (cid !== null && [...ctx.working].some((o) => o.clientOrderId === cid))
    return left(DUPLICATE_ORDER);
  if (request.type === 'MARKET' && ctx.marketClosed) return left(MARKET_CLOSED);
  const notionalPrice =
    request.price ?? (isStopType(request.type) ? request.stopPrice : null) ?? marketPrice;
  const filtered = checkFilters(market.rules, {
    quantity,
    price: request.price,
    stopPrice: request.stopPrice,
    notionalPrice,
  });
  if (filtered !== null) return left(filtered);
  const spendPrice = request.price ?? request.stopPrice ?? marketPrice ?? 0;
  const order: VenueOrder = {
    orderId: ctx.orderId,
    clientOrderId: cid ?? `venue-${ctx.orderId}`,
    symbol: market.id,
    side: request.side,
    type: request.type,
    timeInForce: request.timeInForce,
    quantity,
    price: request.price,
    stopPrice: request.stopPrice,
    quoteOrderQty: request.quoteOrderQty,
    time: now,
    updateTime: now,
    status: 'NEW',
    executedQty: 0,
    cumulativeQuoteQty: 0,
    triggered: !isStopType(request.type),
    lockedAsset: request.side === 'BUY' ? market.quote : market.base,
    lockedAmount: request.side === 'BUY' ? mul(quantity, spendPrice) : quantity,
    lockPrice: request.side === 'BUY' ? spendPrice : 1,
  };
  if (isStopType(order.type) && stopReached(order, book)) return left(STOP_WOULD_TRIGGER);
  if (order.type === 'LIMIT_MAKER' && limitCrossed(order, book)) return left(WOULD_TAKE);
  return right(order);
};
