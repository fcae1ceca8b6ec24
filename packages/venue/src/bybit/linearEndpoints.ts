import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { AlgoRef } from '../usdm/futuresEngine';
import type {
  AlgoOrderType,
  FuturesOrder,
  FuturesTimeInForce,
  PositionSide,
} from '../usdm/futuresOrder';
import type { VenueMarket } from '../venueMarket';
import type { OrderSide } from '../venueOrder';
import { coinRow, inWindow, limitOf, logParams, page, type BybitAnswer } from './bybitEndpoints';
import { bybitError, paramError, type BybitError } from './bybitError';
import { bybitDecimal } from './bybitMessages';
import { decimalParam, linkIdParam, text, type BybitParams } from './bybitOrder';
import {
  conditionalId,
  linearExecutionJson,
  linearInstrumentJson,
  linearTickerJson,
  linearWalletJson,
} from './linearMessages';
import {
  DUPLICATE_LINK_ID,
  fail,
  fromFutures,
  IDX_MISMATCH,
  ok,
  ORDER_NOT_FOUND,
  SYMBOL_INVALID,
  REDUCE_ONLY_RULE,
  UNCHANGED,
  type Endpoint,
  type LinearContext,
} from './linearContext';
import type { View } from './linearBook';
import {
  marketOf,
  openView,
  selectViews,
  viewId,
  viewJson,
  viewLinkId,
  viewOpen,
} from './linearViews';
import { positionList, setLeverage, switchMode } from './linearPositions';

const TIME_IN_FORCE: Readonly<Record<string, FuturesTimeInForce>> = {
  GTC: 'GTC',
  IOC: 'IOC',
  FOK: 'FOK',
  PostOnly: 'GTX',
};

/**
 * A conditional order's type in the futures engine, by Bybit's direction: a buy waiting for a
 * rise and a sell waiting for a fall are stops, the other two take-profits, and each fires on
 * the last price reaching its trigger in its direction.
 */
const algoTypeOf = (side: OrderSide, direction: 1 | 2): AlgoOrderType =>
  (direction === 1) === (side === 'BUY') ? 'STOP_MARKET' : 'TAKE_PROFIT_MARKET';

interface ParsedOrder {
  readonly market: VenueMarket;
  readonly side: OrderSide;
  readonly limit: boolean;
  readonly qty: number;
  readonly price: number | null;
  readonly timeInForce: FuturesTimeInForce;
  readonly positionSide: PositionSide;
  readonly reduceOnly: boolean;
  readonly linkId: string | null;
  readonly trigger: { readonly price: number; readonly direction: 1 | 2 } | null;
}

/** A linear `POST /v5/order/create` body, checked as Bybit checks it. */
const parseLinearOrder = (
  ctx: LinearContext,
  params: BybitParams,
): Either<BybitError, ParsedOrder> => {
  const market = marketOf(ctx, params);
  if ('retCode' in market) return left(market);
  const sideText = text(params, 'side');
  if (sideText !== 'Buy' && sideText !== 'Sell')
    return left(paramError(`params error: side invalid, must be Buy or Sell; got ${sideText}`));
  const side: OrderSide = sideText === 'Buy' ? 'BUY' : 'SELL';
  const orderType = text(params, 'orderType');
  if (orderType !== 'Market' && orderType !== 'Limit')
    return left(
      paramError(`params error: orderType invalid, must be Market or Limit; got ${orderType}`),
    );
  const limit = orderType === 'Limit';
  const qty = decimalParam(params, 'qty');
  if (isLeft(qty)) return qty;
  if (qty.right === null || qty.right <= 0) return left(paramError('params error: qty invalid'));
  const price = decimalParam(params, 'price');
  if (isLeft(price)) return price;
  if (limit && price.right === null) return left(paramError('params error: price is required'));
  const linkId = linkIdParam(params);
  if (isLeft(linkId)) return linkId;
  const tifText = text(params, 'timeInForce') ?? (limit ? 'GTC' : 'IOC');
  const tif = TIME_IN_FORCE[tifText];
  if (tif === undefined)
    return left(paramError(`params error: timeInForce invalid; got ${tifText}`));
  const idxText = text(params, 'positionIdx') ?? '0';
  const hedged = ctx.engine.account.dualSide();
  if (hedged ? idxText !== '1' && idxText !== '2' : idxText !== '0') return left(IDX_MISMATCH);
  const positionSide: PositionSide = idxText === '1' ? 'LONG' : idxText === '2' ? 'SHORT' : 'BOTH';
  const reduceText = text(params, 'reduceOnly');
  const reduceOnly = reduceText === 'true';
  if (reduceText !== undefined && reduceText !== 'true' && reduceText !== 'false')
    return left(paramError('params error: reduceOnly invalid'));
  // In hedge mode an order's side and positionIdx say whether it closes: reduce-only must close.
  if (hedged && reduceOnly && (positionSide === 'LONG') === (side === 'BUY'))
    return left(REDUCE_ONLY_RULE);
  const trigger = decimalParam(params, 'triggerPrice');
  if (isLeft(trigger)) return trigger;
  let conditional: ParsedOrder['trigger'] = null;
  if (trigger.right !== null) {
    const direction = text(params, 'triggerDirection');
    if (direction !== '1' && direction !== '2')
      return left(
        paramError(
          `params error: triggerDirection must be 1 (rises to triggerPrice) or 2 (falls to it); got ${direction}`,
        ),
      );
    if (limit)
      return left(
        paramError(
          'params error: the venue serves linear conditional orders as Market only (a conditional Limit is not served)',
        ),
      );
    conditional = { price: trigger.right, direction: direction === '1' ? 1 : 2 };
  }
  return right({
    market,
    side,
    limit,
    qty: qty.right,
    price: limit ? price.right : null,
    timeInForce: limit ? tif : 'GTC',
    positionSide,
    reduceOnly,
    linkId: linkId.right,
    trigger: conditional,
  });
};

const linkIdTaken = (ctx: LinearContext, linkId: string): boolean =>
  ctx.book.views().some((v) => viewLinkId(v) === linkId);

/** The venue's answer to a create: the order placed, or Bybit's refusal. */
const place = (
  ctx: LinearContext,
  r: ParsedOrder,
): Either<BybitError, { orderId: string; orderLinkId: string; logId: number }> => {
  if (r.linkId !== null && linkIdTaken(ctx, r.linkId)) return left(DUPLICATE_LINK_ID);
  const hedged = ctx.engine.account.dualSide();
  // The futures engine takes reduce-only in one-way mode; in hedge mode the side closes alone.
  const reduceOnly = hedged ? null : r.reduceOnly;
  if (r.trigger !== null) {
    const { direction } = r.trigger;
    const placed = ctx.engine.placeAlgo({
      symbol: r.market.id,
      side: r.side,
      orderType: algoTypeOf(r.side, direction),
      positionSide: hedged ? r.positionSide : null,
      quantity: r.qty,
      closePosition: false,
      reduceOnly,
      triggerPrice: r.trigger.price,
      workingType: 'CONTRACT_PRICE',
      clientAlgoId: r.linkId,
    });
    if (isLeft(placed)) {
      const mark = ctx.engine.mark(r.market.id) ?? 0;
      return left(
        fromFutures(
          placed.left,
          direction === 1,
          `trigger_price[${bybitDecimal(r.trigger.price)}] ${direction === 1 ? '<=' : '>='} current[${bybitDecimal(mark)}]`,
        ),
      );
    }
    ctx.book.directed(placed.right.algoId, direction);
    return right({
      orderId: conditionalId(placed.right),
      orderLinkId: placed.right.clientAlgoId,
      logId: placed.right.algoId,
    });
  }
  const placed = ctx.engine.place({
    symbol: r.market.id,
    side: r.side,
    type: r.limit ? 'LIMIT' : 'MARKET',
    positionSide: hedged ? r.positionSide : null,
    timeInForce: r.timeInForce,
    quantity: r.qty,
    price: r.price,
    reduceOnly,
    newClientOrderId: r.linkId,
  });
  if (isLeft(placed)) return left(fromFutures(placed.left, false, ''));
  return right({
    orderId: String(placed.right.orderId),
    orderLinkId: placed.right.clientOrderId,
    logId: placed.right.orderId,
  });
};

const createOrder: Endpoint = (ctx, params) => {
  const receivedAt = ctx.engine.now();
  const parsed = parseLinearOrder(ctx, params);
  const outcome = isLeft(parsed) ? parsed : place(ctx, parsed.right);
  const answered = !ctx.faults.takeUnanswered(receivedAt);
  const logged = logParams(params);
  const trigger = isLeft(parsed) ? null : parsed.right.trigger;
  ctx.orderLog.record(
    // A conditional order is logged under its futures type, as the control API reads it.
    trigger === null || isLeft(parsed)
      ? logged
      : { ...logged, type: algoTypeOf(parsed.right.side, trigger.direction) },
    receivedAt,
    isLeft(outcome)
      ? { status: 200, code: outcome.left.retCode, msg: outcome.left.retMsg }
      : { orderId: outcome.right.logId, clientOrderId: outcome.right.orderLinkId },
    answered,
  );
  if (!answered) return { unanswered: true };
  return isLeft(outcome)
    ? fail(outcome.left)
    : ok({ orderId: outcome.right.orderId, orderLinkId: outcome.right.orderLinkId });
};

const algoRef = (v: View & { kind: 'algo' }): AlgoRef => ({ algoId: v.algo.algoId });

/** A resting limit order's price and size moved in place, same ids (a market order never rests). */
const amendPlain = (
  ctx: LinearContext,
  o: FuturesOrder,
  qty: number | null,
  price: number | null,
  trigger: number | null,
): BybitAnswer => {
  if (trigger !== null)
    return fail(paramError('params error: triggerPrice is for conditional orders only'));
  if (qty === null && price === null)
    return fail(paramError('params error: qty or price is required to amend'));
  if ((qty === null || qty === o.quantity) && (price === null || price === o.price))
    return fail(UNCHANGED);
  const amended = ctx.engine.amend(
    o.symbol,
    { orderId: o.orderId },
    {
      ...(qty === null ? {} : { quantity: qty }),
      ...(price === null ? {} : { price }),
    },
  );
  if (isLeft(amended)) return fail(fromFutures(amended.left, false, ''));
  return ok({ orderId: String(amended.right.orderId), orderLinkId: amended.right.clientOrderId });
};

/**
 * Bybit's amend, in place under the order's ids: a resting limit order's price and size, or a
 * conditional order's trigger price and size before it triggers.
 */
const amendOrder: Endpoint = (ctx, params) => {
  const market = marketOf(ctx, params);
  if ('retCode' in market) return fail(market);
  const found = openView(ctx, market, params);
  if ('retCode' in found) return fail(found);
  const qty = decimalParam(params, 'qty');
  const price = decimalParam(params, 'price');
  const trigger = decimalParam(params, 'triggerPrice');
  for (const e of [qty, price, trigger]) if (isLeft(e)) return fail(e.left);
  const value = (e: Either<BybitError, number | null>) => (isLeft(e) ? null : e.right);
  if (found.kind === 'order')
    return amendPlain(ctx, found.order, value(qty), value(price), value(trigger));
  if (value(price) !== null)
    return fail(paramError('params error: a conditional Market order has no price to amend'));
  if (value(qty) === null && value(trigger) === null)
    return fail(bybitError(10001, 'params error: qty or triggerPrice is required to amend'));
  const a = found.algo;
  const unchanged =
    (value(qty) === null || value(qty) === a.quantity) &&
    (value(trigger) === null || value(trigger) === a.triggerPrice);
  // Bybit refuses an amend that changes nothing.
  if (unchanged) return fail(UNCHANGED);
  const amended = ctx.engine.amendAlgo(algoRef(found), {
    ...(value(trigger) === null ? {} : { triggerPrice: value(trigger) as number }),
    ...(value(qty) === null ? {} : { quantity: value(qty) as number }),
  });
  if (isLeft(amended)) {
    const direction = algoTypeOf(a.side, 1) === a.orderType ? 1 : 2;
    const mark = ctx.engine.mark(a.symbol) ?? 0;
    return fail(
      fromFutures(
        amended.left,
        direction === 1,
        `trigger_price[${bybitDecimal(value(trigger) ?? a.triggerPrice)}] ${direction === 1 ? '<=' : '>='} current[${bybitDecimal(mark)}]`,
      ),
    );
  }
  return ok({ orderId: conditionalId(amended.right), orderLinkId: amended.right.clientAlgoId });
};

const cancelView = (
  ctx: LinearContext,
  v: View,
): { orderId: string; orderLinkId: string } | null => {
  if (v.kind === 'algo') {
    const c = ctx.engine.cancelAlgo(algoRef(v));
    if (isLeft(c)) return null;
    ctx.book.cancelledByUser({ algoId: c.right.algoId });
    return { orderId: conditionalId(c.right), orderLinkId: c.right.clientAlgoId };
  }
  const c = ctx.engine.cancel(v.order.symbol, { orderId: v.order.orderId });
  if (isLeft(c)) return null;
  ctx.book.cancelledByUser({ orderId: c.right.orderId });
  return { orderId: String(c.right.orderId), orderLinkId: c.right.clientOrderId };
};

const cancelOrder: Endpoint = (ctx, params) => {
  const market = marketOf(ctx, params);
  if ('retCode' in market) return fail(market);
  const found = openView(ctx, market, params);
  if ('retCode' in found) return fail(found);
  const cancelled = cancelView(ctx, found);
  return cancelled === null ? fail(ORDER_NOT_FOUND) : ok(cancelled);
};

const ordersWhere =
  (keep: (v: View, byId: boolean, params: BybitParams) => boolean, max: number): Endpoint =>
  (ctx, params) => {
    const selected = selectViews(ctx, params);
    if ('retCode' in selected) return fail(selected);
    const byId = text(params, 'orderId') !== undefined || text(params, 'orderLinkId') !== undefined;
    return ok(
      page(
        'linear',
        selected
          .filter((v) => keep(v, byId, params))
          .slice(0, limitOf(params, 20, max))
          .map((v) => viewJson(ctx, v)),
      ),
    );
  };

const viewTime = (v: View): number => (v.kind === 'order' ? v.order.time : v.algo.createTime);

/** The linear half of the dialect: each answers `category=linear` (and the category-less calls). */
export const LINEAR_ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  'GET /v5/market/instruments-info': (ctx, params) => {
    const symbol = text(params, 'symbol');
    const list =
      text(params, 'status') === 'PreLaunch'
        ? []
        : ctx.engine.markets
            .filter((m) => symbol === undefined || m.id === symbol)
            .map(linearInstrumentJson);
    return ok(page('linear', list));
  },
  'GET /v5/market/tickers': (ctx, params) => {
    const symbol = text(params, 'symbol');
    if (symbol !== undefined && ctx.engine.market(symbol) === undefined)
      return fail(SYMBOL_INVALID);
    return ok({
      category: 'linear',
      list: ctx.engine.markets
        .filter((m) => symbol === undefined || m.id === symbol)
        .map((m) =>
          linearTickerJson(m, ctx.stats(m.id), ctx.engine.quote(m.id), ctx.engine.mark(m.id)),
        ),
    });
  },
  'GET /v5/market/orderbook': (ctx, params) => {
    const market = marketOf(ctx, params);
    if ('retCode' in market) return fail(market);
    const q = ctx.engine.quote(market.id);
    const level = (p: number | undefined) => (p === undefined ? [] : [[bybitDecimal(p), '1']]);
    const count = ctx.stats(market.id).count;
    return ok({
      s: market.id,
      b: level(q.bid ?? q.price),
      a: level(q.ask ?? q.price),
      ts: ctx.engine.now(),
      u: count,
      seq: count,
      cts: ctx.engine.now(),
    });
  },
  'GET /v5/account/fee-rate': (ctx, params) => {
    const symbol = text(params, 'symbol');
    return ok({
      category: 'linear',
      list: ctx.engine.markets
        .filter((m) => symbol === undefined || m.id === symbol)
        .map((m) => ({
          symbol: m.id,
          baseCoin: '',
          takerFeeRate: bybitDecimal(ctx.fees.takerBps / 10_000),
          makerFeeRate: bybitDecimal(ctx.fees.makerBps / 10_000),
        })),
    });
  },
  'GET /v5/account/wallet-balance': (ctx, params) => {
    if (text(params, 'accountType') !== 'UNIFIED')
      return fail(paramError('accountType only support UNIFIED.'));
    return ok({ list: [linearWalletJson(ctx.engine)] });
  },
  'GET /v5/asset/coin/query-info': (ctx, params) => {
    const coin = text(params, 'coin');
    const assets = [
      ...new Set(ctx.engine.markets.flatMap((m) => [m.base, m.quote, m.settle ?? m.quote])),
    ];
    return ok({ rows: assets.filter((a) => coin === undefined || a === coin).map(coinRow) });
  },
  'GET /v5/position/list': positionList,
  'POST /v5/position/set-leverage': setLeverage,
  'POST /v5/position/switch-mode': switchMode,
  'POST /v5/order/create': createOrder,
  'POST /v5/order/amend': amendOrder,
  'POST /v5/order/cancel': cancelOrder,
  'POST /v5/order/cancel-all': (ctx, params) => {
    const selected = selectViews(ctx, { ...params, orderId: undefined, orderLinkId: undefined });
    if ('retCode' in selected) return fail(selected);
    const list = selected.filter(viewOpen).flatMap((v) => {
      const c = cancelView(ctx, v);
      return c === null ? [] : [c];
    });
    return ok({ list, success: '1' });
  },
  // By id or link id an order of any status; otherwise the open ones.
  'GET /v5/order/realtime': ordersWhere((v, byId) => byId || viewOpen(v), 50),
  'GET /v5/order/history': ordersWhere(
    (v, _byId, params) => !viewOpen(v) && inWindow(params, viewTime(v)),
    50,
  ),
  'GET /v5/execution/list': (ctx, params) => {
    const selected = selectViews(ctx, { ...params, orderFilter: undefined });
    if ('retCode' in selected) return fail(selected);
    const known = new Set(selected.map(viewId));
    const list = ctx.engine
      .trades()
      .flatMap((t) => {
        const order = ctx.engine.orders().find((o) => o.orderId === t.orderId) as FuturesOrder;
        const algo = ctx.book.algoOf(order);
        const id = algo === undefined ? String(order.orderId) : conditionalId(algo);
        if (!known.has(id) || !inWindow(params, t.time)) return [];
        const m = ctx.engine.market(t.symbol) as VenueMarket;
        return [
          linearExecutionJson(
            m,
            { orderId: id, orderLinkId: order.clientOrderId, stop: algo !== undefined },
            order,
            t,
            ctx.engine.mark(m.id),
          ),
        ];
      })
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limitOf(params, 50, 100));
    return ok(page('linear', list));
  },
};

/** Whether a request belongs to the linear half: its category says so, or it has none to say. */
export const isLinearRequest = (route: string, params: BybitParams): boolean =>
  text(params, 'category') === 'linear' ||
  route === 'GET /v5/account/wallet-balance' ||
  route === 'GET /v5/asset/coin/query-info' ||
  route.startsWith('POST /v5/position/') ||
  route.startsWith('GET /v5/position/');
