import { left, right, type Either } from 'fp-ts/Either';
import type { NewOrderRequest } from '../orderRequest';
import { triggerReference, type Quote } from '../quote';
import type { OrderSide, OrderType, TimeInForce } from '../venueOrder';
import { paramError, type BybitError } from './bybitError';

/** A JSON body's or a query's value: ccxt sends numbers, booleans and strings. */
export type BybitParams = Readonly<Record<string, unknown>>;

/** Bybit's `triggerDirection`: 1 when the price rises to the trigger, 2 when it falls to it. */
export type TriggerDirection = 1 | 2;

export interface BybitOrderRequest {
  readonly order: NewOrderRequest;
  /** Spot market orders: what `qty` counts (a market buy counts quote unless told). */
  readonly marketUnit: 'baseCoin' | 'quoteCoin' | null;
  readonly triggerDirection: TriggerDirection | null;
}

const DECIMAL = /^[0-9]{1,20}(\.[0-9]{1,20})?$/;
const LINK_ID = /^[A-Za-z0-9_-]{1,36}$/;

export const text = (params: BybitParams, name: string): string | undefined => {
  const v = params[name];
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : String(v as number | boolean);
};

export const decimalParam = (
  params: BybitParams,
  name: string,
): Either<BybitError, number | null> => {
  const v = text(params, name);
  if (v === undefined) return right(null);
  return DECIMAL.test(v) ? right(Number(v)) : left(paramError(`params error: ${name} invalid`));
};

export const linkIdParam = (params: BybitParams): Either<BybitError, string | null> => {
  const v = text(params, 'orderLinkId');
  if (v === undefined) return right(null);
  return LINK_ID.test(v)
    ? right(v)
    : left(paramError('params error: orderLinkId must be 1 to 36 letters, digits, - or _'));
};

/**
 * The shared engine's stop types by Bybit's direction: a buy that waits for a rise and a sell
 * that waits for a fall are stop-losses, the other two take-profits (each triggers on the last
 * price reaching the trigger in its direction).
 */
const conditionalType = (
  side: OrderSide,
  direction: TriggerDirection,
  limit: boolean,
): OrderType => {
  const stopLoss = (direction === 1) === (side === 'BUY');
  if (stopLoss) return limit ? 'STOP_LOSS_LIMIT' : 'STOP_LOSS';
  return limit ? 'TAKE_PROFIT_LIMIT' : 'TAKE_PROFIT';
};

/** The direction a conditional order waits in, read back from its engine type. */
export const directionOf = (side: OrderSide, type: OrderType): TriggerDirection | null => {
  if (type === 'STOP_LOSS' || type === 'STOP_LOSS_LIMIT') return side === 'BUY' ? 1 : 2;
  if (type === 'TAKE_PROFIT' || type === 'TAKE_PROFIT_LIMIT') return side === 'BUY' ? 2 : 1;
  return null;
};

const TIME_IN_FORCE: Readonly<Record<string, TimeInForce | 'PostOnly'>> = {
  GTC: 'GTC',
  IOC: 'IOC',
  FOK: 'FOK',
  PostOnly: 'PostOnly',
};

/**
 * A spot `POST /v5/order/create` body, checked as Bybit checks it and told in the shared
 * engine's terms. A conditional order (spot: `orderFilter=StopOrder` with `triggerPrice`) waits
 * in `triggerDirection`, or, when none is sent, in the direction of the trigger from the last
 * price, as Bybit's spot does.
 */
export const parseSpotOrder = (
  params: BybitParams,
  book: Quote,
): Either<BybitError, BybitOrderRequest> => {
  const symbol = text(params, 'symbol');
  if (symbol === undefined) return left(paramError('params error: symbol is required'));
  const sideText = text(params, 'side');
  if (sideText !== 'Buy' && sideText !== 'Sell')
    return left(paramError(`params error: side invalid, must be Buy or Sell; got ${sideText}`));
  const side: OrderSide = sideText === 'Buy' ? 'BUY' : 'SELL';
  const orderType = text(params, 'orderType');
  if (orderType !== 'Market' && orderType !== 'Limit')
    return left(
      paramError(`params error: orderType invalid, must be Market or Limit; got ${orderType}`),
    );
  const qty = decimalParam(params, 'qty');
  if (qty._tag === 'Left') return qty;
  if (qty.right === null || qty.right <= 0) return left(paramError('params error: qty invalid'));
  const price = decimalParam(params, 'price');
  if (price._tag === 'Left') return price;
  const trigger = decimalParam(params, 'triggerPrice');
  if (trigger._tag === 'Left') return trigger;
  const linkId = linkIdParam(params);
  if (linkId._tag === 'Left') return linkId;
  const tifText = text(params, 'timeInForce');
  const tif = tifText === undefined ? undefined : TIME_IN_FORCE[tifText];
  if (tifText !== undefined && tif === undefined)
    return left(paramError(`params error: timeInForce invalid; got ${tifText}`));
  const filter = text(params, 'orderFilter') ?? 'Order';
  if (!['Order', 'StopOrder', 'tpslOrder'].includes(filter))
    return left(paramError(`params error: orderFilter invalid; got ${filter}`));
  const conditional = filter !== 'Order';
  if (conditional && trigger.right === null)
    return left(paramError(`params error: triggerPrice is required with orderFilter ${filter}`));
  if (!conditional && trigger.right !== null)
    return left(
      paramError(
        'params error: a spot triggerPrice needs orderFilter StopOrder or tpslOrder (the venue refuses it rather than trade it at once)',
      ),
    );
  const directionText = text(params, 'triggerDirection');
  if (directionText !== undefined && directionText !== '1' && directionText !== '2')
    return left(paramError(`params error: triggerDirection invalid; got ${directionText}`));
  const limit = orderType === 'Limit';
  if (limit && price.right === null) return left(paramError('params error: price is required'));
  const unitText = text(params, 'marketUnit');
  if (unitText !== undefined && unitText !== 'baseCoin' && unitText !== 'quoteCoin')
    return left(paramError(`params error: marketUnit invalid; got ${unitText}`));
  // Bybit spot: a market buy's qty is quote unless marketUnit says base; a sell's is base.
  const marketUnit = limit ? null : (unitText ?? (side === 'BUY' ? 'quoteCoin' : 'baseCoin'));
  const inQuote = marketUnit === 'quoteCoin';
  if (inQuote && conditional)
    return left(paramError('params error: a conditional market order takes qty in baseCoin'));

  let direction: TriggerDirection | null = null;
  if (conditional) {
    const reference = triggerReference(side, book);
    direction =
      directionText !== undefined
        ? directionText === '1'
          ? 1
          : 2
        : reference !== undefined && (trigger.right as number) > reference
          ? 1
          : 2;
  }
  const type: OrderType =
    direction !== null
      ? conditionalType(side, direction, limit)
      : limit
        ? tif === 'PostOnly'
          ? 'LIMIT_MAKER'
          : 'LIMIT'
        : 'MARKET';
  return right({
    order: {
      symbol,
      side,
      type,
      timeInForce: tif === undefined || tif === 'PostOnly' ? 'GTC' : tif,
      quantity: inQuote ? null : qty.right,
      quoteOrderQty: inQuote ? qty.right : null,
      price: limit ? price.right : null,
      stopPrice: trigger.right,
      newClientOrderId: linkId.right,
      responseType: 'ACK',
    },
    marketUnit,
    triggerDirection: direction,
  });
};
