import { chain, isLeft, left, map, right, type Either } from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import {
  illegalParameter,
  INVALID_SYMBOL,
  mandatoryParameter,
  ORDER_ID_REQUIRED,
  UNKNOWN_LISTEN_KEY,
  UNKNOWN_ORDER,
  type BinanceError,
} from './binanceError';
import type { FaultBook } from './faultBook';
import type { ListenKeys } from './listenKeys';
import type { MatchingEngine, OrderRef } from './matchingEngine';
import type { OrderLog } from './orderLog';
import { parseOrderRequest, type Params } from './orderRequest';
import { fail, ok, type RestAnswer } from './restAnswer';
import { accountJson, canceledOrderJson, myTradeJson, newOrderJson, orderJson } from './restShapes';
import type { VenueMarket } from './venueMarket';
import { isOpen } from './venueOrder';

export interface TradeContext {
  readonly market: VenueMarket;
  readonly engine: MatchingEngine;
  readonly faults: FaultBook;
  readonly orderLog: OrderLog;
  readonly listenKeys: ListenKeys;
  readonly nextCancelId: () => string;
}

type Endpoint = (ctx: TradeContext, params: Params) => RestAnswer;

const integer = (params: Params, name: string): Either<BinanceError, number | null> => {
  const v = params[name];
  if (v === undefined || v === '') return right(null);
  return /^[0-9]{1,19}$/.test(v) ? right(Number(v)) : left(illegalParameter(name, '^[0-9]{1,19}$'));
};

const answer = <A>(e: Either<BinanceError, A>, body: (a: A) => unknown): RestAnswer =>
  isLeft(e) ? fail(e.left) : ok(body(e.right));

/** Endpoints that name the market in a mandatory `symbol`. */
const forSymbol =
  (endpoint: Endpoint): Endpoint =>
  (ctx, params) => {
    const symbol = params['symbol'];
    if (symbol === undefined || symbol === '') return fail(mandatoryParameter('symbol'));
    return symbol === ctx.market.id ? endpoint(ctx, params) : fail(INVALID_SYMBOL);
  };

const orderRef = (params: Params): Either<BinanceError, OrderRef> =>
  pipe(
    integer(params, 'orderId'),
    chain((orderId) => {
      if (orderId !== null) return right({ orderId });
      const cid = params['origClientOrderId'];
      return cid === undefined || cid === ''
        ? left(ORDER_ID_REQUIRED)
        : right({ clientOrderId: cid });
    }),
  );

/** `allOrders` and `myTrades`: from an id or within a time range, at most `limit` (500, up to 1000). */
const window = <T extends { readonly time: number }>(
  params: Params,
  items: readonly T[],
  id: (t: T) => number,
  fromIdParam: string,
): Either<BinanceError, readonly T[]> => {
  const fromId = integer(params, fromIdParam);
  const start = integer(params, 'startTime');
  const end = integer(params, 'endTime');
  const limit = integer(params, 'limit');
  for (const e of [fromId, start, end, limit]) if (isLeft(e)) return e;
  const value = (e: Either<BinanceError, number | null>): number | null =>
    isLeft(e) ? null : e.right;
  const [from, s, t, n] = [
    value(fromId),
    value(start),
    value(end),
    Math.min(value(limit) ?? 500, 1000),
  ];
  const picked = items.filter(
    (x) =>
      (from === null || id(x) >= from) &&
      (s === null || x.time >= s) &&
      (t === null || x.time <= t),
  );
  return right(from !== null ? picked.slice(0, n) : picked.slice(-n));
};

const createOrder: Endpoint = (ctx, params) => {
  const receivedAt = ctx.engine.now();
  const request =
    params['symbol'] !== undefined && params['symbol'] !== ctx.market.id
      ? left(INVALID_SYMBOL)
      : parseOrderRequest(params);
  const placed = pipe(
    request,
    chain((r) =>
      pipe(
        ctx.engine.place(r),
        map((p) => ({ ...p, responseType: r.responseType })),
      ),
    ),
  );
  const answered = !ctx.faults.takeUnanswered(receivedAt);
  ctx.orderLog.record(
    params,
    receivedAt,
    isLeft(placed) ? placed.left : placed.right.order,
    answered,
  );
  if (!answered) return { unanswered: true };
  return answer(placed, (p) =>
    newOrderJson(ctx.market, p.order, p.fills, p.responseType, receivedAt),
  );
};

const cancel = (ctx: TradeContext, ref: OrderRef, cancelId: string) =>
  pipe(
    ctx.engine.cancel(ref, cancelId),
    map((o) => canceledOrderJson(o, cancelId, ctx.engine.now())),
  );

export const tradeEndpoints: Readonly<Record<string, Endpoint>> = {
  'POST /api/v3/order': createOrder,
  'GET /api/v3/order': forSymbol((ctx, params) =>
    answer(pipe(orderRef(params), chain(ctx.engine.find)), orderJson),
  ),
  'DELETE /api/v3/order': forSymbol((ctx, params) =>
    answer(
      pipe(
        orderRef(params),
        chain((ref) => cancel(ctx, ref, params['newClientOrderId'] ?? ctx.nextCancelId())),
      ),
      (body) => body,
    ),
  ),
  'GET /api/v3/openOrders': (ctx, params) =>
    params['symbol'] !== undefined && params['symbol'] !== ctx.market.id
      ? fail(INVALID_SYMBOL)
      : ok(ctx.engine.orders().filter(isOpen).map(orderJson)),
  'DELETE /api/v3/openOrders': forSymbol((ctx) => {
    const open = ctx.engine.orders().filter(isOpen);
    if (open.length === 0) return fail(UNKNOWN_ORDER);
    return ok(
      open.flatMap((o) => {
        const c = cancel(ctx, { orderId: o.orderId }, ctx.nextCancelId());
        return isLeft(c) ? [] : [c.right];
      }),
    );
  }),
  'GET /api/v3/allOrders': forSymbol((ctx, params) =>
    answer(
      window(params, ctx.engine.orders(), (o) => o.orderId, 'orderId'),
      (os) => os.map(orderJson),
    ),
  ),
  'GET /api/v3/myTrades': forSymbol((ctx, params) => {
    const orderId = integer(params, 'orderId');
    if (isLeft(orderId)) return fail(orderId.left);
    const trades = ctx.engine
      .trades()
      .filter((t) => orderId.right === null || t.orderId === orderId.right);
    return answer(
      window(params, trades, (t) => t.id, 'fromId'),
      (ts) => ts.map((t) => myTradeJson(ctx.market, t)),
    );
  }),
  'GET /api/v3/account': (ctx) => ok(accountJson(ctx.engine.balances(), ctx.engine.now())),
  'POST /api/v3/userDataStream': (ctx) => ok({ listenKey: ctx.listenKeys.create() }),
  'PUT /api/v3/userDataStream': (ctx, params) =>
    ctx.listenKeys.has(params['listenKey'] ?? '') ? ok({}) : fail(UNKNOWN_LISTEN_KEY),
  'DELETE /api/v3/userDataStream': (ctx, params) =>
    ctx.listenKeys.remove(params['listenKey'] ?? '') ? ok({}) : fail(UNKNOWN_LISTEN_KEY),
};
