import { left, right, type Either } from 'fp-ts/Either';
import {
  binanceError,
  illegalParameter,
  invalidEnum,
  mandatoryParameter,
  type BinanceError,
} from '../binanceError';
import type { Params } from '../orderRequest';
import { ORDER_SIDES, type OrderSide } from '../venueOrder';
import { USE_ALGO_SERVICE } from './futuresErrors';
import {
  ALGO_ORDER_TYPES,
  POSITION_SIDES,
  type AlgoOrderType,
  type FuturesOrderType,
  type FuturesTimeInForce,
  type PositionSide,
} from './futuresOrder';

/** `POST /fapi/v1/order`, checked as Binance checks it (market and limit orders only). */
export interface FuturesOrderRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: FuturesOrderType;
  readonly positionSide: PositionSide | null;
  readonly timeInForce: FuturesTimeInForce;
  readonly quantity: number;
  readonly price: number | null;
  /** null when not sent: hedge mode refuses the parameter itself. */
  readonly reduceOnly: boolean | null;
  readonly newClientOrderId: string | null;
}

/** `POST /fapi/v1/algoOrder` with `algoType=CONDITIONAL`. */
export interface AlgoOrderRequest {
  readonly symbol: string;
  readonly side: OrderSide;
  readonly orderType: AlgoOrderType;
  readonly positionSide: PositionSide | null;
  readonly quantity: number | null;
  readonly closePosition: boolean;
  readonly reduceOnly: boolean | null;
  readonly triggerPrice: number;
  readonly workingType: 'CONTRACT_PRICE' | 'MARK_PRICE';
  readonly clientAlgoId: string | null;
}

const DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;
const CLIENT_ID = /^[.A-Z:/a-z0-9_-]{1,36}$/;

const present = (params: Params, name: string): string | undefined => {
  const v = params[name];
  return v === undefined || v === '' ? undefined : v;
};

const decimal = (params: Params, name: string): Either<BinanceError, number | null> => {
  const v = present(params, name);
  if (v === undefined) return right(null);
  return DECIMAL.test(v)
    ? right(Number(v))
    : left(illegalParameter(name, '^([0-9]{1,20})(\\.[0-9]{1,20})?$'));
};

const bool = (params: Params, name: string): Either<BinanceError, boolean | null> => {
  const v = present(params, name);
  if (v === undefined) return right(null);
  if (v === 'true' || v === 'false') return right(v === 'true');
  return left(
    binanceError(
      -1100,
      `Illegal characters found in parameter '${name}'; legal range is 'true, false'.`,
    ),
  );
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

const clientId = (params: Params, name: string): Either<BinanceError, string | null> => {
  const v = present(params, name);
  if (v === undefined) return right(null);
  return CLIENT_ID.test(v)
    ? right(v)
    : left(illegalParameter(name, '^[\\.A-Z\\:/a-z0-9_-]{1,36}$'));
};

type Parsed<T> = { [K in keyof T]: Either<BinanceError, T[K]> };

/** The first refusal among the fields, in their order, or the request. */
const all = <T extends object>(fields: Parsed<T>): Either<BinanceError, T> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields) as [string, Either<BinanceError, unknown>][]) {
    if (v._tag === 'Left') return v;
    out[k] = v.right;
  }
  return right(out as T);
};

const required = <T>(e: Either<BinanceError, T | null>, name: string): Either<BinanceError, T> =>
  e._tag === 'Left' ? e : e.right === null ? left(mandatoryParameter(name)) : right(e.right);

const CONDITIONAL = [
  'STOP',
  'STOP_MARKET',
  'TAKE_PROFIT',
  'TAKE_PROFIT_MARKET',
  'TRAILING_STOP_MARKET',
];

export const parseFuturesOrder = (params: Params): Either<BinanceError, FuturesOrderRequest> => {
  const type = present(params, 'type');
  if (type !== undefined && CONDITIONAL.includes(type)) return left(USE_ALGO_SERVICE);
  const parsed = all<FuturesOrderRequest>({
    symbol: required(right(present(params, 'symbol') ?? null), 'symbol'),
    side: required(oneOf(params, 'side', ORDER_SIDES, -1117), 'side'),
    type: required(oneOf<FuturesOrderType>(params, 'type', ['MARKET', 'LIMIT'], -1116), 'type'),
    positionSide: oneOf(params, 'positionSide', POSITION_SIDES, -4061),
    timeInForce: right('GTC' as FuturesTimeInForce),
    quantity: required(decimal(params, 'quantity'), 'quantity'),
    price: decimal(params, 'price'),
    reduceOnly: bool(params, 'reduceOnly'),
    newClientOrderId: clientId(params, 'newClientOrderId'),
  });
  if (parsed._tag === 'Left') return parsed;
  const r = parsed.right;
  const tif = oneOf<FuturesTimeInForce>(params, 'timeInForce', ['GTC', 'IOC', 'FOK', 'GTX'], -1115);
  if (tif._tag === 'Left') return tif;
  if (r.type === 'LIMIT') {
    if (r.price === null) return left(mandatoryParameter('price'));
    if (tif.right === null) return left(mandatoryParameter('timeInForce'));
    return right({ ...r, timeInForce: tif.right });
  }
  if (r.price !== null)
    return left(binanceError(-1106, "Parameter 'price' sent when not required."));
  return right(r);
};

export const parseAlgoOrder = (params: Params): Either<BinanceError, AlgoOrderRequest> => {
  const algoType = present(params, 'algoType');
  if (algoType === undefined) return left(mandatoryParameter('algoType'));
  if (algoType !== 'CONDITIONAL') return left(invalidEnum(-1116, 'algoType', ['CONDITIONAL']));
  const parsed = all<AlgoOrderRequest>({
    symbol: required(right(present(params, 'symbol') ?? null), 'symbol'),
    side: required(oneOf(params, 'side', ORDER_SIDES, -1117), 'side'),
    orderType: required(oneOf(params, 'type', ALGO_ORDER_TYPES, -1116), 'type'),
    positionSide: oneOf(params, 'positionSide', POSITION_SIDES, -4061),
    quantity: decimal(params, 'quantity'),
    closePosition: bool(params, 'closePosition') as Either<BinanceError, boolean>,
    reduceOnly: bool(params, 'reduceOnly'),
    triggerPrice: required(decimal(params, 'triggerPrice'), 'triggerPrice'),
    workingType: oneOf(params, 'workingType', ['CONTRACT_PRICE', 'MARK_PRICE'], -1100) as Either<
      BinanceError,
      'CONTRACT_PRICE' | 'MARK_PRICE'
    >,
    clientAlgoId: clientId(params, 'clientAlgoId'),
  });
  if (parsed._tag === 'Left') return parsed;
  const r = { ...parsed.right, closePosition: parsed.right.closePosition === true };
  const workingType = r.workingType ?? 'CONTRACT_PRICE';
  if (r.closePosition && r.quantity !== null)
    return left(binanceError(-1106, "Parameter 'quantity' sent when not required."));
  if (r.closePosition && r.reduceOnly !== null)
    return left(binanceError(-1106, "Parameter 'reduceOnly' sent when not required."));
  if (!r.closePosition && r.quantity === null) return left(mandatoryParameter('quantity'));
  return right({ ...r, workingType });
};
