import { left, right, type Either } from 'fp-ts/Either';
import {
  binanceError,
  illegalParameter,
  invalidEnum,
  mandatoryParameter,
  type BinanceError,
} from './binanceError';
import {
  isMarketType,
  isStopType,
  ORDER_SIDES,
  ORDER_TYPES,
  TIME_IN_FORCES,
  type OrderSide,
  type OrderType,
  type TimeInForce,
} from './venueOrder';

export type ResponseType = 'ACK' | 'RESULT' | 'FULL';
const RESPONSE_TYPES: readonly ResponseType[] = ['ACK', 'RESULT', 'FULL'];

/** A `POST /api/v3/order` request, checked the way Binance checks it. */
export interface NewOrderRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity: number | null;
  readonly quoteOrderQty: number | null;
  readonly price: number | null;
  readonly stopPrice: number | null;
  readonly newClientOrderId: string | null;
  readonly responseType: ResponseType;
}

export type Params = Readonly<Record<string, string>>;

const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const DECIMAL_TEXT = '^([0-9]{1,20})(\\.[0-9]{1,20})?$';
const CLIENT_ORDER_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;
const CLIENT_ORDER_ID_TEXT = '^[\\.A-Z\\:/a-z0-9_-]{1,36}$';

const present = (params: Params, name: string): string | undefined => {
  const v = params[name];
  return v === undefined || v === '' ? undefined : v;
};

const decimal = (params: Params, name: string): Either<BinanceError, number | null> => {
  const v = present(params, name);
  if (v === undefined) return right(null);
  return DECIMAL.test(v) ? right(Number(v)) : left(illegalParameter(name, DECIMAL_TEXT));
};

const oneOf = <T extends string>(
  params: Params,
  name: string,
  allowed: readonly T[],
  code: number,
): Either<BinanceError, T | null> => {
  const v = present(params, name);
  if (v === undefined) return right(null);
  return (allowed as readonly string[]).includes(v)
    ? right(v as T)
    : left(invalidEnum(code, name, allowed));
};

const notRequired = (name: string): BinanceError =>
  binanceError(-1106, `Parameter '${name}' sent when not required.`);

export const parseOrderRequest = (params: Params): Either<BinanceError, NewOrderRequest> => {
  const symbol = present(params, 'symbol');
  if (symbol === undefined) return left(mandatoryParameter('symbol'));
  const side = oneOf(params, 'side', ORDER_SIDES, -1117);
  if (side._tag === 'Left') return side;
  if (side.right === null) return left(mandatoryParameter('side'));
  const type = oneOf(params, 'type', ORDER_TYPES, -1116);
  if (type._tag === 'Left') return type;
  if (type.right === null) return left(mandatoryParameter('type'));
  const tif = oneOf(params, 'timeInForce', TIME_IN_FORCES, -1115);
  if (tif._tag === 'Left') return tif;
  const respType = oneOf(params, 'newOrderRespType', RESPONSE_TYPES, -1116);
  if (respType._tag === 'Left') return respType;
  const quantityP = decimal(params, 'quantity');
  if (quantityP._tag === 'Left') return quantityP;
  const quoteOrderQtyP = decimal(params, 'quoteOrderQty');
  if (quoteOrderQtyP._tag === 'Left') return quoteOrderQtyP;
  const priceP = decimal(params, 'price');
  if (priceP._tag === 'Left') return priceP;
  const stopPriceP = decimal(params, 'stopPrice');
  if (stopPriceP._tag === 'Left') return stopPriceP;
  const [quantity, quoteOrderQty, price, stopPrice] = [
    quantityP.right,
    quoteOrderQtyP.right,
    priceP.right,
    stopPriceP.right,
  ];
  const cid = present(params, 'newClientOrderId');
  if (cid !== undefined && !CLIENT_ORDER_ID.test(cid))
    return left(illegalParameter('newClientOrderId', CLIENT_ORDER_ID_TEXT));

  const t = type.right;
  const hasLimit = !isMarketType(t);
  if (hasLimit && price === null) return left(mandatoryParameter('price'));
  if (!hasLimit && price !== null) return left(notRequired('price'));
  if (isStopType(t) && stopPrice === null) return left(mandatoryParameter('stopPrice'));
  if (!isStopType(t) && stopPrice !== null) return left(notRequired('stopPrice'));
  const needsTif = t === 'LIMIT' || t === 'STOP_LOSS_LIMIT' || t === 'TAKE_PROFIT_LIMIT';
  if (needsTif && tif.right === null) return left(mandatoryParameter('timeInForce'));
  if (t === 'MARKET') {
    if (quantity === null && quoteOrderQty === null) {
      return left(
        binanceError(
          -1102,
          "Param 'quantity' or 'quoteOrderQty' must be sent, but both were empty/null!",
        ),
      );
    }
    if (quantity !== null && quoteOrderQty !== null) return left(notRequired('quoteOrderQty'));
  } else {
    if (quantity === null) return left(mandatoryParameter('quantity'));
    if (quoteOrderQty !== null) return left(notRequired('quoteOrderQty'));
  }
  return right({
    symbol,
    side: side.right,
    type: t,
    timeInForce: tif.right ?? 'GTC',
    quantity,
    quoteOrderQty,
    price,
    stopPrice,
    newClientOrderId: cid ?? null,
    responseType: respType.right ?? (t === 'MARKET' || t === 'LIMIT' ? 'FULL' : 'ACK'),
  });
};
