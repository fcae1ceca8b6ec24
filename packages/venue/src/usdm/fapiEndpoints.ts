import { isLeft, left, right, type Either } from 'fp-ts/Either';
import {
  binanceError,
  illegalParameter,
  INVALID_SYMBOL,
  mandatoryParameter,
  ORDER_ID_REQUIRED,
  UNKNOWN_LISTEN_KEY,
  type BinanceError,
} from '../binanceError';
import { decimalText } from '../decimalText';
import type { FaultBook } from '../faultBook';
import type { ListenKeys } from '../listenKeys';
import { restTickerJson } from '../marketMessages';
import type { OrderLog } from '../orderLog';
import type { Params } from '../orderRequest';
import type { RestRoutes } from '../restApi';
import { fail, ok, type RestAnswer } from '../restAnswer';
import type { TickerStats } from '../tickerStats';
import type { VenueMarket } from '../venueMarket';
import {
  badLeverage,
  NO_NEED_TO_CHANGE_MARGIN,
  NO_NEED_TO_CHANGE_SIDE,
  SIDE_CHANGE_WITH_ORDERS,
  SIDE_CHANGE_WITH_POSITION,
} from './futuresErrors';
import { MAX_LEVERAGE } from './futuresAccount';
import type { AlgoRef, FuturesEngine, FuturesRef } from './futuresEngine';
import {
  algoOrderJson,
  fapiExchangeInfoJson,
  futuresAccountJson,
  futuresOrderJson,
  futuresTradeJson,
  positionRiskJson,
} from './futuresMessages';
import { isAlgoOpen, isFuturesOpen } from './futuresOrder';
import { parseAlgoOrder, parseFuturesOrder } from './futuresRequest';

export interface FapiContext {
  readonly engine: FuturesEngine;
  readonly serverTime: () => number;
  readonly stats: (symbol: string) => TickerStats;
  readonly faults: FaultBook;
  readonly orderLog: OrderLog;
  readonly listenKeys: ListenKeys;
}

type Endpoint = (ctx: FapiContext, params: Params) => RestAnswer;

const answer = <A>(e: Either<BinanceError, A>, body: (a: A) => unknown): RestAnswer =>
  isLeft(e) ? fail(e.left) : ok(body(e.right));

const integer = (params: Params, name: string): Either<BinanceError, number | null> => {
  const v = params[name];
  if (v === undefined || v === '') return right(null);
  return /^[0-9]{1,19}$/.test(v) ? right(Number(v)) : left(illegalParameter(name, '^[0-9]{1,19}$'));
};

const marketOf = (ctx: FapiContext, params: Params): Either<BinanceError, VenueMarket> => {
  const symbol = params['symbol'];
  if (symbol === undefined || symbol === '') return left(mandatoryParameter('symbol'));
  const m = ctx.engine.market(symbol);
  return m === undefined ? left(INVALID_SYMBOL) : right(m);
};

const forSymbol =
  (endpoint: (ctx: FapiContext, market: VenueMarket, params: Params) => RestAnswer): Endpoint =>
  (ctx, params) => {
    const m = marketOf(ctx, params);
    return isLeft(m) ? fail(m.left) : endpoint(ctx, m.right, params);
  };

/** Every market, or the one `symbol` names, for the public per-symbol answers. */
const perSymbol = (
  ctx: FapiContext,
  params: Params,
  body: (m: VenueMarket) => unknown,
): RestAnswer => {
  if (params['symbol'] === undefined) return ok(ctx.engine.markets.map(body));
  const m = marketOf(ctx, params);
  return isLeft(m) ? fail(m.left) : ok(body(m.right));
};

const orderRef = (params: Params): Either<BinanceError, FuturesRef> => {
  const id = integer(params, 'orderId');
  if (isLeft(id)) return id;
  if (id.right !== null) return right({ orderId: id.right });
  const cid = params['origClientOrderId'];
  return cid === undefined || cid === '' ? left(ORDER_ID_REQUIRED) : right({ clientOrderId: cid });
};

const algoRef = (params: Params): Either<BinanceError, AlgoRef> => {
  const id = integer(params, 'algoId');
  if (isLeft(id)) return id;
  if (id.right !== null) return right({ algoId: id.right });
  const cid = params['clientAlgoId'];
  return cid === undefined || cid === ''
    ? left(
        binanceError(
          -1102,
          "Param 'clientAlgoId' or 'algoId' must be sent, but both were empty/null!",
        ),
      )
    : right({ clientAlgoId: cid });
};

const bookTicker = (ctx: FapiContext, m: VenueMarket) => {
  const q = ctx.engine.quote(m.id);
  return {
    symbol: m.id,
    bidPrice: decimalText(q.bid ?? 0),
    bidQty: decimalText(q.bid === undefined ? 0 : 1),
    askPrice: decimalText(q.ask ?? 0),
    askQty: decimalText(q.ask === undefined ? 0 : 1),
    time: ctx.engine.now(),
  };
};

const premiumIndex = (ctx: FapiContext, m: VenueMarket) => ({
  symbol: m.id,
  markPrice: decimalText(ctx.engine.mark(m.id) ?? 0),
  indexPrice: decimalText(ctx.engine.mark(m.id) ?? 0),
  estimatedSettlePrice: decimalText(ctx.engine.mark(m.id) ?? 0),
  // Funding is not modelled: the rate is 0 and no funding is ever paid.
  lastFundingRate: decimalText(0),
  interestRate: decimalText(0),
  nextFundingTime: 0,
  time: ctx.engine.now(),
});

const createOrder: Endpoint = (ctx, params) => {
  const receivedAt = ctx.engine.now();
  const placed = (() => {
    const r = parseFuturesOrder(params);
    return isLeft(r) ? r : ctx.engine.place(r.right);
  })();
  const answered = !ctx.faults.takeUnanswered(receivedAt);
  ctx.orderLog.record(params, receivedAt, isLeft(placed) ? placed.left : placed.right, answered);
  if (!answered) return { unanswered: true };
  return answer(placed, futuresOrderJson);
};

const createAlgoOrder: Endpoint = (ctx, params) => {
  const receivedAt = ctx.engine.now();
  const placed = (() => {
    const r = parseAlgoOrder(params);
    return isLeft(r) ? r : ctx.engine.placeAlgo(r.right);
  })();
  // The log's fields are the spot ones: the algo's client id and trigger go there.
  const logged = {
    ...params,
    newClientOrderId: params['clientAlgoId'] ?? '',
    stopPrice: params['triggerPrice'] ?? '',
  };
  const answered = !ctx.faults.takeUnanswered(receivedAt);
  ctx.orderLog.record(
    logged,
    receivedAt,
    isLeft(placed)
      ? placed.left
      : { orderId: placed.right.algoId, clientOrderId: placed.right.clientAlgoId },
    answered,
  );
  if (!answered) return { unanswered: true };
  return answer(placed, algoOrderJson);
};

const open = (ctx: FapiContext, symbol: string | undefined) =>
  ctx.engine
    .orders()
    .filter((o) => isFuturesOpen(o) && (symbol === undefined || o.symbol === symbol));

const openAlgos = (ctx: FapiContext, symbol: string | undefined) =>
  ctx.engine.algos().filter((a) => isAlgoOpen(a) && (symbol === undefined || a.symbol === symbol));

const optionalSymbol = (
  ctx: FapiContext,
  params: Params,
): Either<BinanceError, string | undefined> => {
  if (params['symbol'] === undefined) return right(undefined);
  const m = marketOf(ctx, params);
  return isLeft(m) ? m : right(m.right.id);
};

const setDual: Endpoint = (ctx, params) => {
  const dual = params['dualSidePosition'];
  if (dual !== 'true' && dual !== 'false') return fail(mandatoryParameter('dualSidePosition'));
  const wanted = dual === 'true';
  const account = ctx.engine.account;
  if (account.dualSide() === wanted) return fail(NO_NEED_TO_CHANGE_SIDE);
  if (account.positions().length > 0) return fail(SIDE_CHANGE_WITH_POSITION);
  if (open(ctx, undefined).length > 0 || openAlgos(ctx, undefined).length > 0)
    return fail(SIDE_CHANGE_WITH_ORDERS);
  account.setDualSide(wanted);
  return ok({ code: 200, msg: 'success' });
};

/**
 * Binance's futures listen key is the account's: a keep-alive or close names none. One the
 * venue never gave is refused.
 */
const listenKeyCall =
  (act: (keys: ListenKeys, key: string) => boolean): Endpoint =>
  (ctx, params) => {
    const key = params['listenKey'];
    return key === undefined || act(ctx.listenKeys, key) ? ok({}) : fail(UNKNOWN_LISTEN_KEY);
  };

/** `/fapi/...` answers, public first; the router authenticates the private ones. */
export const fapiPublicEndpoints: Readonly<Record<string, Endpoint>> = {
  'GET /fapi/v1/ping': () => ok({}),
  'GET /fapi/v1/time': (ctx) => ok({ serverTime: ctx.serverTime() }),
  'GET /fapi/v1/exchangeInfo': (ctx) =>
    ok(fapiExchangeInfoJson(ctx.engine.markets, ctx.serverTime())),
  'GET /fapi/v1/premiumIndex': (ctx, params) => perSymbol(ctx, params, (m) => premiumIndex(ctx, m)),
  'GET /fapi/v1/fundingRate': () => ok([]),
  'GET /fapi/v1/ticker/24hr': (ctx, params) =>
    perSymbol(ctx, params, (m) =>
      restTickerJson(m.id, ctx.stats(m.id), ctx.engine.quote(m.id), ctx.engine.now()),
    ),
  'GET /fapi/v1/ticker/bookTicker': (ctx, params) =>
    perSymbol(ctx, params, (m) => bookTicker(ctx, m)),
  'GET /fapi/v1/ticker/price': (ctx, params) =>
    perSymbol(ctx, params, (m) => ({
      symbol: m.id,
      price: decimalText(ctx.stats(m.id).last ?? 0),
      time: ctx.engine.now(),
    })),
  'GET /fapi/v2/ticker/price': (ctx, params) =>
    perSymbol(ctx, params, (m) => ({
      symbol: m.id,
      price: decimalText(ctx.stats(m.id).last ?? 0),
      time: ctx.engine.now(),
    })),
  'GET /fapi/v1/depth': forSymbol((ctx, m) => {
    const q = ctx.engine.quote(m.id);
    const side = (price: number | undefined) =>
      price === undefined ? [] : [[decimalText(price), decimalText(1)]];
    return ok({
      lastUpdateId: ctx.stats(m.id).count,
      E: ctx.engine.now(),
      T: ctx.engine.now(),
      bids: side(q.bid ?? q.price),
      asks: side(q.ask ?? q.price),
    });
  }),
};

export const fapiPrivateEndpoints: Readonly<Record<string, Endpoint>> = {
  'GET /fapi/v3/account': (ctx) => ok(futuresAccountJson(ctx.engine, ctx.engine.now())),
  'GET /fapi/v2/account': (ctx) => ok(futuresAccountJson(ctx.engine, ctx.engine.now())),
  'GET /fapi/v3/balance': (ctx) => ok(futuresAccountJson(ctx.engine, ctx.engine.now()).assets),
  'GET /fapi/v2/balance': (ctx) => ok(futuresAccountJson(ctx.engine, ctx.engine.now()).assets),
  'GET /fapi/v3/positionRisk': (ctx) => ok(positionRiskJson(ctx.engine, ctx.engine.now())),
  'GET /fapi/v2/positionRisk': (ctx) => ok(positionRiskJson(ctx.engine, ctx.engine.now())),
  'GET /fapi/v1/leverageBracket': (ctx, params) => {
    const s = optionalSymbol(ctx, params);
    if (isLeft(s)) return fail(s.left);
    const markets = ctx.engine.markets.filter((m) => s.right === undefined || m.id === s.right);
    return ok(
      markets.map((m) => ({
        symbol: m.id,
        brackets: [
          {
            bracket: 1,
            initialLeverage: MAX_LEVERAGE,
            notionalCap: 1_000_000_000,
            notionalFloor: 0,
            maintMarginRatio: 0.004,
            cum: 0,
          },
        ],
      })),
    );
  },
  'GET /fapi/v1/commissionRate': forSymbol((_ctx, m) =>
    ok({ symbol: m.id, makerCommissionRate: '0', takerCommissionRate: '0' }),
  ),
  'GET /fapi/v1/symbolConfig': (ctx, params) => {
    const s = optionalSymbol(ctx, params);
    if (isLeft(s)) return fail(s.left);
    return ok(
      ctx.engine.markets
        .filter((m) => s.right === undefined || m.id === s.right)
        .map((m) => ({
          symbol: m.id,
          marginType: ctx.engine.account.marginType(m.id),
          isAutoAddMargin: 'false',
          leverage: ctx.engine.account.leverage(m.id),
          maxNotionalValue: '1000000000',
        })),
    );
  },
  'GET /fapi/v1/accountConfig': (ctx) =>
    ok({
      feeTier: 0,
      canTrade: true,
      canDeposit: false,
      canWithdraw: false,
      dualSidePosition: ctx.engine.account.dualSide(),
      updateTime: ctx.engine.now(),
      multiAssetsMargin: false,
      tradeGroupId: -1,
    }),
  'POST /fapi/v1/leverage': forSymbol((ctx, m, params) => {
    const leverage = Number(params['leverage']);
    if (!Number.isInteger(leverage) || leverage < 1 || leverage > MAX_LEVERAGE)
      return fail(badLeverage(MAX_LEVERAGE));
    ctx.engine.account.setLeverage(m.id, leverage);
    return ok({ leverage, maxNotionalValue: '1000000000', symbol: m.id });
  }),
  'POST /fapi/v1/marginType': forSymbol((ctx, m, params) => {
    const type = params['marginType'];
    if (type !== 'ISOLATED' && type !== 'CROSSED')
      return fail(
        binanceError(
          -1100,
          "Illegal characters found in parameter 'marginType'; legal range is 'ISOLATED, CROSSED'.",
        ),
      );
    if (ctx.engine.account.marginType(m.id) === type) return fail(NO_NEED_TO_CHANGE_MARGIN);
    ctx.engine.account.setMarginType(m.id, type);
    return ok({ code: 200, msg: 'success' });
  }),
  'GET /fapi/v1/positionSide/dual': (ctx) =>
    ok({ dualSidePosition: ctx.engine.account.dualSide() }),
  'POST /fapi/v1/positionSide/dual': setDual,
  'POST /fapi/v1/order': createOrder,
  'GET /fapi/v1/order': forSymbol((ctx, m, params) =>
    answer(
      (() => {
        const ref = orderRef(params);
        return isLeft(ref) ? ref : ctx.engine.find(m.id, ref.right);
      })(),
      futuresOrderJson,
    ),
  ),
  'DELETE /fapi/v1/order': forSymbol((ctx, m, params) =>
    answer(
      (() => {
        const ref = orderRef(params);
        return isLeft(ref) ? ref : ctx.engine.cancel(m.id, ref.right);
      })(),
      futuresOrderJson,
    ),
  ),
  'GET /fapi/v1/openOrders': (ctx, params) => {
    const s = optionalSymbol(ctx, params);
    return isLeft(s) ? fail(s.left) : ok(open(ctx, s.right).map(futuresOrderJson));
  },
  'DELETE /fapi/v1/allOpenOrders': forSymbol((ctx, m) => {
    for (const o of open(ctx, m.id)) ctx.engine.cancel(m.id, { orderId: o.orderId });
    return ok({ code: 200, msg: 'The operation of cancel all open order is done.' });
  }),
  'GET /fapi/v1/allOrders': forSymbol((ctx, m) =>
    ok(
      ctx.engine
        .orders()
        .filter((o) => o.symbol === m.id)
        .map(futuresOrderJson),
    ),
  ),
  'GET /fapi/v1/userTrades': forSymbol((ctx, m, params) => {
    const orderId = integer(params, 'orderId');
    if (isLeft(orderId)) return fail(orderId.left);
    return ok(
      ctx.engine
        .trades()
        .filter((t) => t.symbol === m.id && (orderId.right === null || t.orderId === orderId.right))
        .map((t) => futuresTradeJson(m, t)),
    );
  }),
  'POST /fapi/v1/algoOrder': createAlgoOrder,
  'GET /fapi/v1/algoOrder': (ctx, params) =>
    answer(
      (() => {
        const ref = algoRef(params);
        return isLeft(ref) ? ref : ctx.engine.findAlgo(ref.right);
      })(),
      algoOrderJson,
    ),
  'DELETE /fapi/v1/algoOrder': (ctx, params) =>
    answer(
      (() => {
        const ref = algoRef(params);
        return isLeft(ref) ? ref : ctx.engine.cancelAlgo(ref.right);
      })(),
      (a) => ({ algoId: a.algoId, clientAlgoId: a.clientAlgoId, code: '200', msg: 'success' }),
    ),
  'GET /fapi/v1/openAlgoOrders': (ctx, params) => {
    const s = optionalSymbol(ctx, params);
    return isLeft(s) ? fail(s.left) : ok(openAlgos(ctx, s.right).map(algoOrderJson));
  },
  'GET /fapi/v1/allAlgoOrders': forSymbol((ctx, m) =>
    ok(
      ctx.engine
        .algos()
        .filter((a) => a.symbol === m.id)
        .map(algoOrderJson),
    ),
  ),
  'DELETE /fapi/v1/algoOpenOrders': forSymbol((ctx, m) => {
    for (const a of openAlgos(ctx, m.id)) ctx.engine.cancelAlgo({ algoId: a.algoId });
    return ok({ code: 200, msg: 'success' });
  }),
  'POST /fapi/v1/listenKey': (ctx) => ok({ listenKey: ctx.listenKeys.create() }),
  'PUT /fapi/v1/listenKey': listenKeyCall((keys, key) => keys.has(key)),
  'DELETE /fapi/v1/listenKey': listenKeyCall((keys, key) => keys.remove(key)),
};

/** Binance USDⓈ-M (`/fapi/...`). */
export const FAPI_ROUTES: RestRoutes<FapiContext> = {
  public: fapiPublicEndpoints,
  keyed: fapiPrivateEndpoints,
  keyOnly: ['/fapi/v1/listenKey'],
  newOrder: ['POST /fapi/v1/order', 'POST /fapi/v1/algoOrder'],
};
