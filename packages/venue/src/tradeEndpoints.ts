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
import type { OrderRef } from './matchingEngine';
import type { BalanceLine } from './account';
import type { OrderLog } from './orderLog';
import { parseOrderRequest, type Params } from './orderRequest';
import { fail, ok, type RestAnswer } from './restAnswer';
import { accountJson, canceledOrderJson, myTradeJson, newOrderJson, orderJson } from './restShapes';
import type { MarketSlot, VenueMarkets } from './venueMarkets';
import { isOpen } from './venueOrder';

export interface TradeContext {
  readonly markets: VenueMarkets;
  readonly now: () => number;
  readonly balances: () => readonly BalanceLine[];
  readonly faults: FaultBook;
  readonly orderLog: OrderLog;
  readonly listenKeys: ListenKeys;
  readonly nextCancelId: () => string;
}

type Endpoint = (ctx: TradeContext, params: Params) => RestAnswer;
type SymbolEndpoint = (ctx: TradeContext, slot: MarketSlot, params: Params) => RestAnswer;

const integer = (params: Params, name: string): Either<BinanceError, number | null> => {
  const v = params[name];
  if (v === undefined || v === '') return right(null);
  return /^[0-9]{1,19}$/.test(v) ? right(Number(v)) : left(illegalParameter(name, '^[0-9]{1,19}$'));
};

const answer = <A>(e: Either<BinanceError, A>, body: (a: A) => unknown): RestAnswer =>
  isLeft(e) ? fail(e.left) : ok(body(e.right));

/** Endpoints that name the market in a mandatory `symbol`. */
const forSymbol =
  (endpoint: SymbolEndpoint): Endpoint =>
  (ctx, params) => {
    const symbol = params['symbol'];
    if (symbol === undefined || symbol === '') return fail(mandatoryParameter('symbol'));
    const slot = ctx.markets.byId(symbol);
    return slot === undefined ? fail(INVALID_SYMBOL) : endpoint(ctx, slot, params);
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
  const receivedAt = ctx.now();
  const slot = ctx.markets.byId(params['symbol'] ?? '');
  const request =
    params['symbol'] !== undefined && slot === undefined
      ? left(INVALID_SYMBOL)
      : parseOrderRequest(params);
  const placed = pipe(
    request,
    chain((r) =>
      pipe(
        (slot as MarketSlot).engine.place(r),
        map((p) => ({ ...p, market: (slot as MarketSlot).market, responseType: r.responseType })),
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
    newOrderJson(p.market, p.order, p.fills, p.responseType, receivedAt),
  );
};

const cancel = (ctx: TradeContext, slot: MarketSlot, ref: OrderRef, cancelId: string) =>
  pipe(
    slot.engine.cancel(ref, cancelId),
    map((o) => canceledOrderJson(o, cancelId, ctx.now())),
  );

const openOrders = (slots: readonly MarketSlot[]) =>
  slots.flatMap((s) => s.engine.orders().filter(isOpen));

export const tradeEndpoints: Readonly<Record<string, Endpoint>> = {
  'POST /api/v3/order': createOrder,
  'GET /api/v3/order': forSymbol((_ctx, slot, params) =>
    answer(pipe(orderRef(params), chain(slot.engine.find)), orderJson),
  ),
  'DELETE /api/v3/order': forSymbol((ctx, slot, params) =>
    answer(
      pipe(
        orderRef(params),
        chain((ref) => cancel(ctx, slot, ref, params['newClientOrderId'] ?? ctx.nextCancelId())),
      ),
      (body) => body,
    ),
  ),
  'GET /api/v3/openOrders': (ctx, params) => {
    const symbol = params['symbol'];
    if (symbol === undefined) return ok(openOrders(ctx.markets.all).map(orderJson));
    const slot = ctx.markets.byId(symbol);
    return slot === undefined ? fail(INVALID_SYMBOL) : ok(openOrders([slot]).map(orderJson));
  },
  'DELETE /api/v3/openOrders': forSymbol((ctx, slot) => {
    const open = openOrders([slot]);
    if (open.length === 0) return fail(UNKNOWN_ORDER);
    return ok(
      open.flatMap((o) => {
        const c = cancel(ctx, slot, { orderId: o.orderId }, ctx.nextCancelId());
        return isLeft(c) ? [] : [c.right];
      }),
    );
  }),
  'GET /api/v3/allOrders': forSymbol((_ctx, slot, params) =>
    answer(
      window(params, slot.engine.orders(), (o) => o.orderId, 'orderId'),
      (os) => os.map(orderJson),
    ),
  ),
  'GET /api/v3/myTrades': forSymbol((_ctx, slot, params) => {
    const orderId = integer(params, 'orderId');
    if (isLeft(orderId)) return fail(orderId.left);
    const trades = slot.engine
      .trades()
      .filter((t) => orderId.right === null || t.orderId === orderId.right);
    return answer(
      window(params, trades, (t) => t.id, 'fromId'),
      (ts) => ts.map((t) => myTradeJson(slot.market, t)),
    );
  }),
  'GET /api/v3/account': (ctx) => ok(accountJson(ctx.balances(), ctx.now())),
  'POST /api/v3/userDataStream': (ctx) => ok({ listenKey: ctx.listenKeys.create() }),
  'PUT /api/v3/userDataStream': (ctx, params) =>
    ctx.listenKeys.has(params['listenKey'] ?? '') ? ok({}) : fail(UNKNOWN_LISTEN_KEY),
  'DELETE /api/v3/userDataStream': (ctx, params) =>
    ctx.listenKeys.remove(params['listenKey'] ?? '') ? ok({}) : fail(UNKNOWN_LISTEN_KEY),
};
