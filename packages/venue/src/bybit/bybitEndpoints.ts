import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { BalanceLine } from '../account';
import type { FaultBook } from '../faultBook';
import type { OrderRef } from '../matchingEngine';
import type { OrderLog } from '../orderLog';
import type { Params } from '../orderRequest';
import { triggerReference } from '../quote';
import type { MarketSlot, VenueMarkets } from '../venueMarkets';
import { isOpen, type VenueOrder } from '../venueOrder';
import {
  bybitError,
  fromEngine,
  NOT_SUPPORTED_SYMBOL,
  paramError,
  SPOT_INVALID_SYMBOL,
  SPOT_ORDER_NOT_FOUND,
  type BybitError,
} from './bybitError';
import {
  bybitDecimal,
  bybitExecutionJson,
  bybitOrderJson,
  envelope,
  spotInstrumentJson,
  spotTickerJson,
  walletJson,
  type BybitOrderExtra,
} from './bybitMessages';
import { decimalParam, directionOf, parseSpotOrder, text, type BybitParams } from './bybitOrder';

export interface BybitContext {
  readonly markets: VenueMarkets;
  /** The venue's market clock: the recorded time of the last tick played. */
  readonly now: () => number;
  /** The server's wall clock, which `time` of every answer and `/v5/market/time` tell. */
  readonly serverTime: () => number;
  readonly balances: () => readonly BalanceLine[];
  readonly extra: (orderId: number) => BybitOrderExtra;
  readonly placed: (orderId: number, marketUnit: BybitOrderExtra['marketUnit']) => void;
  readonly cancelledByUser: (orderId: number) => void;
  readonly faults: FaultBook;
  readonly orderLog: OrderLog;
  readonly apiKey: string;
  readonly fees: { readonly makerBps: number; readonly takerBps: number };
}

/** What an endpoint answers: a result to wrap, a Bybit error, or no answer at all (a fault). */
export type BybitAnswer =
  { readonly result: unknown } | { readonly error: BybitError } | { readonly unanswered: true };

type Endpoint = (ctx: BybitContext, params: BybitParams) => BybitAnswer;

const ok = (result: unknown): BybitAnswer => ({ result });
const fail = (error: BybitError): BybitAnswer => ({ error });
const answer = <A>(e: Either<BybitError, A>, body: (a: A) => unknown): BybitAnswer =>
  isLeft(e) ? fail(e.left) : ok(body(e.right));

/** The venue serves spot on this dialect; another category lists nothing and trades nothing. */
const SPOT_ONLY = paramError(
  'params error: category invalid; the venue serves category spot on this dialect',
);

const spotSlot = (
  ctx: BybitContext,
  params: BybitParams,
): { slot: MarketSlot } | { error: BybitError } => {
  const category = text(params, 'category');
  if (category !== 'spot') return { error: SPOT_ONLY };
  const symbol = text(params, 'symbol');
  if (symbol === undefined) return { error: paramError('params error: symbol is required') };
  const slot = ctx.markets.byId(symbol);
  return slot === undefined ? { error: SPOT_INVALID_SYMBOL } : { slot };
};

const withSlot =
  (endpoint: (ctx: BybitContext, slot: MarketSlot, params: BybitParams) => BybitAnswer): Endpoint =>
  (ctx, params) => {
    const found = spotSlot(ctx, params);
    return 'error' in found ? fail(found.error) : endpoint(ctx, found.slot, params);
  };

const orderRef = (params: BybitParams): OrderRef | BybitError => {
  const orderId = text(params, 'orderId');
  if (orderId !== undefined)
    return /^[0-9]{1,19}$/.test(orderId) ? { orderId: Number(orderId) } : SPOT_ORDER_NOT_FOUND;
  const linkId = text(params, 'orderLinkId');
  return linkId === undefined
    ? paramError('params error: orderId or orderLinkId is required')
    : { clientOrderId: linkId };
};

/** `orderFilter` of spot order queries and cancels: plain orders or conditional ones. */
const filterMatches = (o: VenueOrder, filter: string | undefined): boolean =>
  filter === undefined ||
  (filter === 'StopOrder' || filter === 'tpslOrder'
    ? directionOf(o.side, o.type) !== null
    : directionOf(o.side, o.type) === null);

/** The orders a query names: by id or link id (any status) or every one of the market(s). */
const selectOrders = (
  ctx: BybitContext,
  params: BybitParams,
): readonly VenueOrder[] | BybitError => {
  const category = text(params, 'category');
  // The account trades no contract: their lists are empty, as on a Bybit account that has none.
  if (category === 'linear' || category === 'inverse' || category === 'option') return [];
  if (category !== 'spot') return paramError('params error: category invalid');
  const symbol = text(params, 'symbol');
  const slots = symbol === undefined ? ctx.markets.all : [ctx.markets.byId(symbol)];
  if (slots.some((s) => s === undefined)) return SPOT_INVALID_SYMBOL;
  const orderId = text(params, 'orderId');
  const linkId = text(params, 'orderLinkId');
  const filter = text(params, 'orderFilter');
  return (slots as MarketSlot[])
    .flatMap((s) => s.engine.orders())
    .filter(
      (o) =>
        (orderId === undefined || String(o.orderId) === orderId) &&
        (linkId === undefined || o.clientOrderId === linkId) &&
        filterMatches(o, filter),
    )
    .sort((a, b) => b.orderId - a.orderId);
};

export const limitOf = (params: BybitParams, byDefault: number, max: number): number => {
  const n = Number(text(params, 'limit') ?? byDefault);
  return Number.isInteger(n) && n > 0 ? Math.min(n, max) : byDefault;
};

export const inWindow = (params: BybitParams, time: number): boolean => {
  const start = text(params, 'startTime');
  const end = text(params, 'endTime');
  return (
    (start === undefined || time >= Number(start)) && (end === undefined || time <= Number(end))
  );
};

export const page = (category: string, list: readonly unknown[]) => ({
  category,
  list,
  nextPageCursor: '',
});

/** Binance-worded parameters for the order log, which every dialect shares. */
export const logParams = (params: BybitParams): Params => {
  const field = (name: string): Record<string, string> => {
    const v = text(params, name);
    return v === undefined ? {} : { [name]: v };
  };
  const side = text(params, 'side');
  return {
    ...(text(params, 'symbol') === undefined ? {} : { symbol: text(params, 'symbol') as string }),
    ...(side === undefined ? {} : { side: side.toUpperCase() }),
    ...(text(params, 'orderType') === undefined
      ? {}
      : { type: (text(params, 'orderType') as string).toUpperCase() }),
    ...field('timeInForce'),
    ...(text(params, 'qty') === undefined ? {} : { quantity: text(params, 'qty') as string }),
    ...field('price'),
    ...(text(params, 'triggerPrice') === undefined
      ? {}
      : { stopPrice: text(params, 'triggerPrice') as string }),
    ...(text(params, 'orderLinkId') === undefined
      ? {}
      : { newClientOrderId: text(params, 'orderLinkId') as string }),
  };
};

/** Bybit's words for a conditional order whose trigger the price has already passed. */
const triggerPassed = (
  direction: 1 | 2 | null,
  trigger: number | null,
  current: number | undefined,
) => ({
  rising: direction === 1,
  text: `expect ${direction === 1 ? 'Rising' : 'Falling'}, but trigger_price[${bybitDecimal(trigger ?? 0)}] ${direction === 1 ? '<=' : '>='} current[${bybitDecimal(current ?? 0)}]`,
});

const createOrder: Endpoint = (ctx, params) => {
  const receivedAt = ctx.now();
  const found = spotSlot(ctx, params);
  let outcome: Either<BybitError, VenueOrder>;
  if ('error' in found) outcome = left(found.error);
  else {
    const { slot } = found;
    const book = slot.engine.quote();
    const parsed = parseSpotOrder(params, book);
    if (isLeft(parsed)) outcome = parsed;
    else if (parsed.right.order.type === 'MARKET' && ctx.faults.marketClosed(receivedAt))
      outcome = left(bybitError(170019, 'The trading pair is suspended.'));
    else {
      const r = parsed.right;
      const placed = slot.engine.place(r.order);
      outcome = isLeft(placed)
        ? left(
            fromEngine(
              placed.left,
              triggerPassed(
                r.triggerDirection,
                r.order.stopPrice,
                triggerReference(r.order.side, book),
              ),
            ),
          )
        : right(placed.right.order);
      if (!isLeft(placed)) ctx.placed(placed.right.order.orderId, r.marketUnit);
    }
  }
  const answered = !ctx.faults.takeUnanswered(receivedAt);
  ctx.orderLog.record(
    logParams(params),
    receivedAt,
    isLeft(outcome)
      ? { status: 200, code: outcome.left.retCode, msg: outcome.left.retMsg }
      : outcome.right,
    answered,
  );
  if (!answered) return { unanswered: true };
  return answer(outcome, (o) => ({ orderId: String(o.orderId), orderLinkId: o.clientOrderId }));
};

const amendOrder: Endpoint = withSlot((_ctx, slot, params) => {
  const ref = orderRef(params);
  if ('retCode' in ref) return fail(ref);
  const qty = decimalParam(params, 'qty');
  const price = decimalParam(params, 'price');
  const trigger = decimalParam(params, 'triggerPrice');
  for (const e of [qty, price, trigger]) if (isLeft(e)) return fail(e.left);
  const value = (e: Either<BybitError, number | null>) => (isLeft(e) ? null : e.right);
  const change = {
    ...(value(qty) === null ? {} : { quantity: value(qty) as number }),
    ...(value(price) === null ? {} : { price: value(price) as number }),
    ...(value(trigger) === null ? {} : { stopPrice: value(trigger) as number }),
  };
  if (Object.keys(change).length === 0)
    return fail(paramError('params error: qty, price or triggerPrice is required to amend'));
  const before = slot.engine.find(ref);
  const amended = slot.engine.amend(ref, change);
  if (isLeft(amended)) {
    const side = isLeft(before) ? 'SELL' : before.right.side;
    const direction = isLeft(before) ? null : directionOf(side, before.right.type);
    return fail(
      fromEngine(
        amended.left,
        triggerPassed(
          direction,
          change.stopPrice ?? null,
          triggerReference(side, slot.engine.quote()),
        ),
      ),
    );
  }
  return ok({ orderId: String(amended.right.orderId), orderLinkId: amended.right.clientOrderId });
});

const cancelOrder: Endpoint = withSlot((ctx, slot, params) => {
  const ref = orderRef(params);
  if ('retCode' in ref) return fail(ref);
  const found = slot.engine.find(ref);
  // Bybit spot cancels plain orders under orderFilter Order (the default) and conditional ones
  // under StopOrder: the other kind is not found.
  const filter = text(params, 'orderFilter') ?? 'Order';
  if (isLeft(found) || !isOpen(found.right) || !filterMatches(found.right, filter))
    return fail(SPOT_ORDER_NOT_FOUND);
  const cancelled = slot.engine.cancel({ orderId: found.right.orderId }, '');
  if (isLeft(cancelled)) return fail(SPOT_ORDER_NOT_FOUND);
  ctx.cancelledByUser(cancelled.right.orderId);
  return ok({
    orderId: String(cancelled.right.orderId),
    orderLinkId: cancelled.right.clientOrderId,
  });
});

export const coinRow = (asset: string) => ({
  name: asset,
  coin: asset,
  remainAmount: '100000000',
  chains: [
    {
      chainType: asset,
      confirmation: '1',
      withdrawFee: '0',
      depositMin: '0',
      withdrawMin: '0',
      chain: asset,
      chainDeposit: '0',
      chainWithdraw: '0',
      minAccuracy: '8',
      withdrawPercentageFee: '0',
    },
  ],
});

/** USD prices of the account's coins for the wallet's `usdValue`: a quote coin counts 1. */
export const usdPrices = (markets: VenueMarkets): Map<string, number> => {
  const prices = new Map<string, number>();
  for (const { market, stats } of markets.all) {
    prices.set(market.quote, 1);
    const last = stats().last;
    if (last !== null) prices.set(market.base, last);
  }
  return prices;
};

export const PUBLIC_ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  'GET /v5/market/time': (ctx) => {
    const t = ctx.serverTime();
    return ok({ timeSecond: String(Math.floor(t / 1000)), timeNano: `${t}000000` });
  },
  'GET /v5/market/instruments-info': (ctx, params) => {
    const category = text(params, 'category') ?? '';
    if (!['spot', 'linear', 'inverse', 'option'].includes(category))
      return fail(paramError('params error: category invalid'));
    const symbol = text(params, 'symbol');
    // Another category is served empty, so a client loading every kind finds the spot markets.
    const list =
      category !== 'spot' || text(params, 'status') === 'PreLaunch'
        ? []
        : ctx.markets.all
            .filter((s) => symbol === undefined || s.market.id === symbol)
            .map((s) => spotInstrumentJson(s.market));
    return ok(page(category, list));
  },
  'GET /v5/market/tickers': (ctx, params) => {
    if (text(params, 'category') !== 'spot') return fail(SPOT_ONLY);
    const symbol = text(params, 'symbol');
    const slots = symbol === undefined ? ctx.markets.all : [ctx.markets.byId(symbol)];
    if (slots.some((s) => s === undefined)) return fail(NOT_SUPPORTED_SYMBOL);
    return ok({
      category: 'spot',
      list: (slots as MarketSlot[]).map((s) =>
        spotTickerJson(s.market, s.stats(), s.engine.quote()),
      ),
    });
  },
  'GET /v5/market/orderbook': withSlot((ctx, slot) => {
    const q = slot.engine.quote();
    const level = (p: number | undefined) => (p === undefined ? [] : [[bybitDecimal(p), '1']]);
    return ok({
      s: slot.market.id,
      b: level(q.bid ?? q.price),
      a: level(q.ask ?? q.price),
      ts: ctx.now(),
      u: slot.stats().count,
      seq: slot.stats().count,
      cts: ctx.now(),
    });
  }),
};

export const PRIVATE_ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  // A unified trading account (UTA 2.0), as every new Bybit account is.
  'GET /v5/user/query-api': (ctx) =>
    ok({
      id: '1',
      note: 'smart-orders venue',
      apiKey: ctx.apiKey,
      readOnly: 0,
      secret: '',
      permissions: {
        ContractTrade: ['Order', 'Position'],
        Spot: ['SpotTrade'],
        Wallet: ['AccountTransfer', 'SubMemberTransfer'],
        Options: [],
        Derivatives: [],
        CopyTrading: [],
        BlockTrade: [],
        Exchange: [],
        NFT: [],
        Affiliate: [],
      },
      ips: ['*'],
      type: 1,
      deadlineDay: -1,
      expiredAt: '',
      createdAt: '',
      unified: 0,
      uta: 1,
      userID: 1,
      inviterID: 0,
      vipLevel: 'No VIP',
      mktMakerLevel: '0',
      affiliateID: 0,
      rsaPublicKey: '',
      isMaster: true,
      parentUid: '0',
      kycLevel: 'LEVEL_DEFAULT',
      kycRegion: '',
    }),
  'GET /v5/account/info': (ctx) =>
    ok({
      marginMode: 'REGULAR_MARGIN',
      updatedTime: String(ctx.serverTime()),
      unifiedMarginStatus: 6,
      dcpStatus: 'OFF',
      timeWindow: 10,
      smpGroup: 0,
      isMasterTrader: false,
      spotHedgingStatus: 'OFF',
    }),
  'GET /v5/asset/coin/query-info': (ctx, params) => {
    const coin = text(params, 'coin');
    const assets = [...new Set(ctx.markets.all.flatMap((s) => [s.market.base, s.market.quote]))];
    return ok({ rows: assets.filter((a) => coin === undefined || a === coin).map(coinRow) });
  },
  'GET /v5/account/fee-rate': (ctx, params) => {
    if (text(params, 'category') !== 'spot') return fail(SPOT_ONLY);
    const symbol = text(params, 'symbol');
    return ok({
      list: ctx.markets.all
        .filter((s) => symbol === undefined || s.market.id === symbol)
        .map((s) => ({
          symbol: s.market.id,
          baseCoin: s.market.base,
          takerFeeRate: bybitDecimal(ctx.fees.takerBps / 10_000),
          makerFeeRate: bybitDecimal(ctx.fees.makerBps / 10_000),
        })),
    });
  },
  'GET /v5/account/wallet-balance': (ctx, params) => {
    const accountType = text(params, 'accountType');
    if (accountType !== 'UNIFIED') return fail(paramError('accountType only support UNIFIED.'));
    const coin = text(params, 'coin');
    const lines = ctx
      .balances()
      .filter((b) => coin === undefined || coin.split(',').includes(b.asset));
    return ok({ list: [walletJson(lines, usdPrices(ctx.markets))] });
  },
  'POST /v5/order/create': createOrder,
  'POST /v5/order/amend': amendOrder,
  'POST /v5/order/cancel': cancelOrder,
  'POST /v5/order/cancel-all': (ctx, params) => {
    const open = selectOrders(ctx, { ...params, orderId: undefined, orderLinkId: undefined });
    if ('retCode' in open) return fail(open);
    const cancelled = open.filter(isOpen).flatMap((o) => {
      const slot = ctx.markets.byId(o.symbol) as MarketSlot;
      const c = slot.engine.cancel({ orderId: o.orderId }, '');
      if (isLeft(c)) return [];
      ctx.cancelledByUser(o.orderId);
      return [{ orderId: String(o.orderId), orderLinkId: o.clientOrderId }];
    });
    return ok({ list: cancelled, success: '1' });
  },
  'GET /v5/order/realtime': (ctx, params) => {
    const selected = selectOrders(ctx, params);
    if ('retCode' in selected) return fail(selected);
    // By id or link id an order of any status is found (Bybit keeps the last 500 closed);
    // otherwise the open orders.
    const byId = text(params, 'orderId') !== undefined || text(params, 'orderLinkId') !== undefined;
    const list = selected
      .filter((o) => byId || isOpen(o))
      .slice(0, limitOf(params, 20, 50))
      .map((o) => bybitOrderJson(o, ctx.extra(o.orderId)));
    return ok(page(text(params, 'category') ?? 'spot', list));
  },
  'GET /v5/order/history': (ctx, params) => {
    const selected = selectOrders(ctx, params);
    if ('retCode' in selected) return fail(selected);
    const list = selected
      .filter((o) => !isOpen(o) && inWindow(params, o.time))
      .slice(0, limitOf(params, 20, 50))
      .map((o) => bybitOrderJson(o, ctx.extra(o.orderId)));
    return ok(page(text(params, 'category') ?? 'spot', list));
  },
  'GET /v5/execution/list': (ctx, params) => {
    const selected = selectOrders(ctx, { ...params, orderFilter: undefined });
    if ('retCode' in selected) return fail(selected);
    const byId = new Map(selected.map((o) => [o.orderId, o]));
    const fills = ctx.markets.all.flatMap((s) =>
      s.engine
        .trades()
        .filter((t) => byId.has(t.orderId) && inWindow(params, t.time))
        .map((t) =>
          bybitExecutionJson(s.market, byId.get(t.orderId) as VenueOrder, t, ctx.extra(t.orderId)),
        ),
    );
    const list = fills.sort((a, b) => b.seq - a.seq).slice(0, limitOf(params, 50, 100));
    return ok(page(text(params, 'category') ?? 'spot', list));
  },
};

/** The envelope around an answer, as Bybit sends it (errors too are HTTP 200). */
export const bybitBody = (a: { result: unknown } | { error: BybitError }, time: number) =>
  'result' in a
    ? envelope(a.result, time)
    : { retCode: a.error.retCode, retMsg: a.error.retMsg, result: {}, retExtInfo: {}, time };
