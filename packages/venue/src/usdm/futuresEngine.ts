import {
  add,
  feeOf,
  mul,
  sub,
  workingOrder,
  type Fee,
  type FillModelConfig,
  type WorkingOrder,
} from '@smart-orders/core';
import { left, right, type Either } from 'fp-ts/Either';
import {
  INVALID_SYMBOL,
  ORDER_DOES_NOT_EXIST,
  UNKNOWN_ORDER,
  type BinanceError,
} from '../binanceError';
import { checkFilters } from '../filters';
import { createMarketFills, type MarketFills } from '../marketFills';
import { mergeQuote, takerPrice, type Quote } from '../quote';
import type { VenueMarket } from '../venueMarket';
import type { OrderSide } from '../venueOrder';
import type { VenueTick } from '../venueTick';
import type { FuturesAccount } from './futuresAccount';
import {
  AMEND_BELOW_FILLED,
  DUPLICATE_CLIENT_ID,
  MARGIN_INSUFFICIENT,
  minNotional,
  POSITION_SIDE_MISMATCH,
  POST_ONLY_WOULD_TAKE,
  REDUCE_ONLY_IN_HEDGE,
  REDUCE_ONLY_REJECTED,
  WOULD_TRIGGER,
} from './futuresErrors';
import {
  isAlgoOpen,
  isFuturesOpen,
  type AlgoOrder,
  type FuturesOrder,
  type FuturesTrade,
  type PositionSide,
} from './futuresOrder';
import type { AlgoOrderRequest, FuturesOrderRequest } from './futuresRequest';
import { applyFill, reduces } from './position';

export type FuturesExecType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'AMENDMENT';

export interface FuturesListener {
  order(order: FuturesOrder, execType: FuturesExecType, trade: FuturesTrade | null): void;
  algo(algo: AlgoOrder): void;
  /** The wallet or a position changed (`ORDER`), or the account was liquidated. */
  account(reason: 'ORDER' | 'LIQUIDATION'): void;
}

export type FuturesRef = { readonly orderId: number } | { readonly clientOrderId: string };
export type AlgoRef = { readonly algoId: number } | { readonly clientAlgoId: string };
export interface OrderChange {
  readonly price?: number;
  readonly quantity?: number;
}
export interface AlgoChange {
  readonly triggerPrice?: number;
  readonly quantity?: number;
}

export interface FuturesEngineDeps {
  readonly markets: readonly VenueMarket[];
  readonly account: FuturesAccount;
  readonly clock: () => number;
  readonly nextTradeId: () => number;
  /** Maintenance margin as a share of a position's notional at the mark (0.004 = 0.4 %). */
  readonly maintenanceMarginRate: number;
  readonly listener: FuturesListener;
  /**
   * How orders fill: the core's one fill model (SEMANTICS §9.4), each market's fills its own. A
   * contract delivers no base asset, so every fee is in the settlement asset.
   */
  readonly fills: Partial<FillModelConfig>;
  /** A fill of the account's: Binance prints it on the market's public trade streams. */
  readonly printed: (trade: FuturesTrade) => void;
}

export interface FuturesEngine {
  readonly markets: readonly VenueMarket[];
  market(id: string): VenueMarket | undefined;
  readonly account: FuturesAccount;
  now(): number;
  quote(symbol: string): Quote;
  /** The mark price: the recording's last trade, else the mid of its quotes; undefined before both. */
  mark(symbol: string): number | undefined;
  place(request: FuturesOrderRequest): Either<BinanceError, FuturesOrder>;
  cancel(symbol: string, ref: FuturesRef): Either<BinanceError, FuturesOrder>;
  /**
   * Moves a resting limit order's price and size in place, same ids and time (Bybit's amend):
   * checked as a new order would be (filters, post-only, margin for what it adds); a price
   * moved across the book takes at once; a size at or below what filled is refused.
   */
  amend(symbol: string, ref: FuturesRef, change: OrderChange): Either<BinanceError, FuturesOrder>;
  find(symbol: string, ref: FuturesRef): Either<BinanceError, FuturesOrder>;
  orders(): readonly FuturesOrder[];
  trades(): readonly FuturesTrade[];
  placeAlgo(request: AlgoOrderRequest): Either<BinanceError, AlgoOrder>;
  cancelAlgo(ref: AlgoRef): Either<BinanceError, AlgoOrder>;
  /**
   * Moves a resting conditional order's trigger and size in place, under the same ids (Bybit's
   * amend; Binance's algo service has none): refused once it fired, or where the new trigger
   * would fire at once.
   */
  amendAlgo(ref: AlgoRef, change: AlgoChange): Either<BinanceError, AlgoOrder>;
  findAlgo(ref: AlgoRef): Either<BinanceError, AlgoOrder>;
  algos(): readonly AlgoOrder[];
  /** wallet + unrealized − position margin − open orders' margin, never below 0. */
  availableBalance(): number;
  openOrderMargin(symbol?: string): number;
  maintenanceMargin(symbol?: string): number;
  /** The mark at which this position alone would be liquidated, or 0 when flat. */
  liquidationPrice(symbol: string, side: PositionSide): number;
  applyTick(tick: VenueTick): void;
}

const closingSide = (positionSide: PositionSide): OrderSide | null =>
  positionSide === 'LONG' ? 'SELL' : positionSide === 'SHORT' ? 'BUY' : null;

/**
 * USDⓈ-M perpetuals against recorded ticks: market and limit orders filled by the fill model
 * (at most what each tick printed, the rest on later ticks), positions
 * in one-way or hedge mode, reduce-only and closing orders, conditional orders in an algo
 * service that fire on the last price, and liquidation when the account's equity falls below
 * its maintenance margin. Cross margin for every symbol; fees from the wallet, no funding.
 */
export const createFuturesEngine = (deps: FuturesEngineDeps): FuturesEngine => {
  const { account, clock, listener } = deps;
  const byId = new Map(deps.markets.map((m) => [m.id, m]));
  const fillsById = new Map<string, MarketFills>(
    deps.markets.map((m) => [m.id, createMarketFills(m.symbol, deps.fills)]),
  );
  const fillsOf = (id: string) => fillsById.get(id) as MarketFills;
  const orders = new Map<number, FuturesOrder>();
  // In order of creation, the order in which they share a tick's print.
  const working = new Map<number, FuturesOrder>();
  // The algo order that placed a matching-engine order, finished when that order is.
  const algoOfOrder = new Map<number, number>();
  const algos = new Map<number, AlgoOrder>();
  const trades: FuturesTrade[] = [];
  const books = new Map<string, Quote>();
  let orderSeq = 0;
  let algoSeq = 0;
  let liquidations = 0;

  const quote = (symbol: string): Quote => books.get(symbol) ?? {};
  const mark = (symbol: string): number | undefined => {
    const q = quote(symbol);
    if (q.price !== undefined) return q.price;
    return q.bid !== undefined && q.ask !== undefined ? (q.bid + q.ask) / 2 : (q.bid ?? q.ask);
  };
  const markOr0 = (symbol: string) => mark(symbol) ?? 0;

  const save = (o: FuturesOrder) => {
    orders.set(o.orderId, o);
    if (isFuturesOpen(o)) working.set(o.orderId, o);
    else working.delete(o.orderId);
  };
  const saveAlgo = (a: AlgoOrder) => {
    algos.set(a.algoId, a);
    listener.algo(a);
  };

  const openOrderMargin = (symbol?: string): number =>
    [...working.values()]
      .filter((o) => (symbol === undefined || o.symbol === symbol) && !o.reduceOnly)
      .filter((o) => !reducingIn(o.positionSide, o.side))
      .reduce(
        (sum, o) => sum + mul(sub(o.quantity, o.executedQty), o.price) / account.leverage(o.symbol),
        0,
      );

  const reducingIn = (positionSide: PositionSide, side: OrderSide): boolean =>
    closingSide(positionSide) === side;

  const maintenanceMargin = (symbol?: string): number =>
    account
      .positions()
      .filter((p) => symbol === undefined || p.symbol === symbol)
      .reduce(
        (sum, p) => sum + mul(Math.abs(p.amount), markOr0(p.symbol)) * deps.maintenanceMarginRate,
        0,
      );

  const availableBalance = (): number =>
    Math.max(
      0,
      sub(
        account.wallet() + account.unrealizedProfit(markOr0),
        account.positionMargin(markOr0) + openOrderMargin(),
      ),
    );

  /** How much of an order would open (rather than close) a position. */
  const openingQty = (
    symbol: string,
    positionSide: PositionSide,
    side: OrderSide,
    qty: number,
    reduceOnly: boolean,
  ): number => {
    if (reduceOnly || reducingIn(positionSide, side)) return 0;
    if (positionSide !== 'BOTH') return qty;
    const p = account.position(symbol, 'BOTH');
    return reduces('BOTH', side, p) ? Math.max(0, qty - Math.abs(p.amount)) : qty;
  };

  /** What a reduce-only or closing order may still trade: the position left on its side. */
  const closable = (o: Pick<FuturesOrder, 'symbol' | 'positionSide' | 'side'>): number => {
    const p = account.position(o.symbol, o.positionSide);
    return reduces(o.positionSide, o.side, p) ? Math.abs(p.amount) : 0;
  };

  const report = (o: FuturesOrder, exec: FuturesExecType, trade: FuturesTrade | null = null) => {
    save(o);
    listener.order(o, exec, trade);
    const algoId = algoOfOrder.get(o.orderId);
    const algo = algoId === undefined ? undefined : algos.get(algoId);
    if (algo !== undefined && !isFuturesOpen(o)) {
      algoOfOrder.delete(o.orderId);
      saveAlgo({
        ...algo,
        algoStatus: 'FINISHED',
        quantity: algo.closePosition ? o.executedQty : algo.quantity,
        executedQty: o.executedQty,
        avgPrice: o.avgPrice,
        updateTime: clock(),
      });
    }
  };

  const expire = (o: FuturesOrder): FuturesOrder => {
    const expired: FuturesOrder = { ...o, status: 'EXPIRED', updateTime: clock() };
    report(expired, 'EXPIRED');
    return expired;
  };

  /**
   * One fill of `quantity` at `price` booked: the position, the realized profit less the fee (from
   * the wallet, as Binance takes it in the settlement asset), the trade reported and printed.
   * `ends`: the order is done after it (FILLED when it traded all it asked, EXPIRED when a
   * reduce-only order found less position than it asked for).
   */
  const book = (
    o: FuturesOrder,
    fill: { price: number; quantity: number; maker: boolean; fee: Fee },
    ends: boolean,
  ): FuturesOrder => {
    const now = clock();
    const { price, quantity } = fill;
    const filled = applyFill(account.position(o.symbol, o.positionSide), o.side, quantity, price);
    account.setPosition(o.symbol, o.positionSide, filled.position);
    account.credit(sub(filled.realized, fill.fee.amount));
    const quoteQty = mul(quantity, price);
    const trade: FuturesTrade = {
      id: deps.nextTradeId(),
      orderId: o.orderId,
      symbol: o.symbol,
      side: o.side,
      positionSide: o.positionSide,
      price,
      qty: quantity,
      quoteQty,
      realizedPnl: filled.realized,
      time: now,
      maker: fill.maker,
      commission: fill.fee.amount,
    };
    trades.push(trade);
    const executedQty = add(o.executedQty, quantity);
    const cumQuote = add(o.cumQuote, quoteQty);
    const quantityAsked = o.closePosition ? executedQty : o.quantity;
    const after: FuturesOrder = {
      ...o,
      quantity: quantityAsked,
      status: !ends ? 'PARTIALLY_FILLED' : executedQty >= quantityAsked ? 'FILLED' : 'EXPIRED',
      executedQty,
      // To 8 decimals, as Binance sends it: the division of two exact decimals is not exact.
      avgPrice: o.executedQty === 0 ? price : Number((cumQuote / executedQty).toFixed(8)),
      cumQuote,
      updateTime: now,
    };
    report(after, 'TRADE', trade);
    deps.printed(trade);
    listener.account('ORDER');
    return after;
  };

  /**
   * The order as the fill model fills it, derived from the order alone: a taker at the tick's
   * price, or a maker at its limit.
   */
  const modelOf = (o: FuturesOrder, taker: boolean): WorkingOrder => {
    const market = byId.get(o.symbol);
    return {
      ...workingOrder({
        clientOrderId: String(o.orderId),
        symbol: market?.symbol ?? o.symbol,
        side: o.side,
        type: taker ? 'MARKET' : 'LIMIT',
        quantity: o.quantity,
        ...(o.type === 'LIMIT' ? { price: o.price } : {}),
        reduceOnly: o.reduceOnly || o.closePosition,
        sentAt: o.time,
        ...(market === undefined ? {} : { stepSize: market.rules.stepSize }),
      }),
      filledQuantity: o.executedQty,
    };
  };

  /**
   * Offers a working order to its market's current tick. A reduce-only or closing order asks at
   * most the position left on its side (none left: it expires); a fill-or-kill order takes only a
   * fill of all it asks. Returns the order as it stands after.
   */
  const offer = (o: FuturesOrder, model: WorkingOrder, fillOrKill: boolean): FuturesOrder => {
    const capped = o.closePosition || o.reduceOnly || reducingIn(o.positionSide, o.side);
    const cap = capped ? closable(o) : null;
    if (cap !== null && cap <= 0) return expire(o);
    const asked =
      cap === null
        ? o.quantity
        : o.closePosition
          ? add(o.executedQty, cap)
          : Math.min(o.quantity, add(o.executedQty, cap));
    const fill = fillsOf(o.symbol).fill(
      { ...model, quantity: asked },
      (f) => !fillOrKill || f.complete,
    );
    if (fill === null) return o;
    return book(
      o,
      {
        price: fill.price,
        quantity: fill.quantity,
        maker: fill.liquidity === 'MAKER',
        fee: fill.fee,
      },
      fill.complete,
    );
  };

  /**
   * An order entering the book: a market order takes at the current tick, as does a limit the
   * tick crosses (the rest then rests as a maker at its limit); IOC and FOK expire for what they
   * did not fill at once.
   */
  const enterBook = (o: FuturesOrder): FuturesOrder => {
    const tick = fillsOf(o.symbol).current();
    if (o.type === 'MARKET' && tick === null) return expire(o);
    const taker = o.type === 'MARKET' || fillsOf(o.symbol).crosses(o.side, o.price);
    const after = offer(o, modelOf(o, taker), o.timeInForce === 'FOK');
    if (!isFuturesOpen(after)) return after;
    return o.timeInForce === 'IOC' || o.timeInForce === 'FOK' ? expire(after) : after;
  };

  const checkPositionSide = (
    positionSide: PositionSide | null,
    reduceOnly: boolean | null,
  ): Either<BinanceError, PositionSide> => {
    if (account.dualSide()) {
      if (positionSide !== 'LONG' && positionSide !== 'SHORT') return left(POSITION_SIDE_MISMATCH);
      if (reduceOnly !== null) return left(REDUCE_ONLY_IN_HEDGE);
      return right(positionSide);
    }
    if (positionSide !== null && positionSide !== 'BOTH') return left(POSITION_SIDE_MISMATCH);
    return right('BOTH');
  };

  const place = (r: FuturesOrderRequest): Either<BinanceError, FuturesOrder> => {
    const market = byId.get(r.symbol);
    if (market === undefined) return left(INVALID_SYMBOL);
    const side = checkPositionSide(r.positionSide, r.reduceOnly);
    if (side._tag === 'Left') return side;
    const positionSide = side.right;
    const cid = r.newClientOrderId;
    if (cid !== null && [...working.values()].some((o) => o.clientOrderId === cid))
      return left(DUPLICATE_CLIENT_ID);
    const filtered = checkFilters(market.rules, {
      quantity: r.quantity,
      price: r.price,
      stopPrice: null,
      notionalPrice: undefined,
    });
    if (filtered !== null) return left(filtered);
    const reduceOnly = r.reduceOnly === true;
    const closing = reduceOnly || reducingIn(positionSide, r.side);
    if (closing && closable({ symbol: r.symbol, positionSide, side: r.side }) === 0)
      return left(REDUCE_ONLY_REJECTED);
    if (
      positionSide !== 'BOTH' &&
      closing &&
      r.quantity > closable({ symbol: r.symbol, positionSide, side: r.side })
    )
      return left(REDUCE_ONLY_REJECTED);
    const q = quote(r.symbol);
    const refPrice = r.price ?? takerPrice(r.side, q) ?? mark(r.symbol);
    if (!closing && refPrice !== undefined && mul(r.quantity, refPrice) < market.rules.minNotional)
      return left(minNotional(market.rules.minNotional));
    const opening = openingQty(r.symbol, positionSide, r.side, r.quantity, reduceOnly);
    if (
      opening > 0 &&
      mul(opening, refPrice ?? 0) / account.leverage(r.symbol) > availableBalance()
    )
      return left(MARGIN_INSUFFICIENT);
    if (r.type === 'LIMIT' && r.timeInForce === 'GTX') {
      const taker = takerPrice(r.side, q);
      const price = r.price ?? 0;
      if (taker !== undefined && (r.side === 'BUY' ? taker <= price : taker >= price))
        return left(POST_ONLY_WOULD_TAKE);
    }
    const now = clock();
    orderSeq += 1;
    const order: FuturesOrder = {
      orderId: orderSeq,
      clientOrderId: cid ?? `venue-${orderSeq}`,
      symbol: r.symbol,
      side: r.side,
      positionSide,
      type: r.type,
      origType: r.type,
      timeInForce: r.type === 'MARKET' ? 'GTC' : r.timeInForce,
      quantity: r.quantity,
      price: r.price ?? 0,
      stopPrice: 0,
      reduceOnly,
      closePosition: false,
      status: 'NEW',
      executedQty: 0,
      avgPrice: 0,
      cumQuote: 0,
      time: now,
      updateTime: now,
    };
    report(order, 'NEW');
    enterBook(order);
    return right(orders.get(order.orderId) ?? order);
  };

  const findOrder = (symbol: string, ref: FuturesRef): FuturesOrder | undefined => {
    if ('orderId' in ref) {
      const o = orders.get(ref.orderId);
      return o?.symbol === symbol ? o : undefined;
    }
    return [...orders.values()]
      .reverse()
      .find((o) => o.symbol === symbol && o.clientOrderId === ref.clientOrderId);
  };

  const cancel = (symbol: string, ref: FuturesRef): Either<BinanceError, FuturesOrder> => {
    const o = findOrder(symbol, ref);
    if (o === undefined || !isFuturesOpen(o)) return left(UNKNOWN_ORDER);
    const canceled: FuturesOrder = { ...o, status: 'CANCELED', updateTime: clock() };
    report(canceled, 'CANCELED');
    return right(canceled);
  };

  const amend = (
    symbol: string,
    ref: FuturesRef,
    change: OrderChange,
  ): Either<BinanceError, FuturesOrder> => {
    const o = findOrder(symbol, ref);
    if (o === undefined || !isFuturesOpen(o) || o.type !== 'LIMIT') return left(UNKNOWN_ORDER);
    const market = byId.get(symbol) as VenueMarket;
    const quantity = change.quantity ?? o.quantity;
    const price = change.price ?? o.price;
    if (quantity <= o.executedQty) return left(AMEND_BELOW_FILLED);
    const filtered = checkFilters(market.rules, {
      quantity,
      price,
      stopPrice: null,
      notionalPrice: undefined,
    });
    if (filtered !== null) return left(filtered);
    const taker = fillsOf(symbol).crosses(o.side, price);
    if (o.timeInForce === 'GTX' && taker) return left(POST_ONLY_WOULD_TAKE);
    const opening = (q: number, p: number) =>
      o.reduceOnly || reducingIn(o.positionSide, o.side) ? 0 : mul(sub(q, o.executedQty), p);
    const added =
      (opening(quantity, price) - opening(o.quantity, o.price)) / account.leverage(symbol);
    if (added > 0 && added > availableBalance()) return left(MARGIN_INSUFFICIENT);
    const amended: FuturesOrder = { ...o, quantity, price, updateTime: clock() };
    report(amended, 'AMENDMENT');
    if (!taker) return right(amended);
    return right(offer(amended, modelOf(amended, true), false));
  };

  /** STOP_MARKET buys when the price rises to the trigger and sells when it falls; TAKE_PROFIT_MARKET the other way. */
  const fires = (
    a: Pick<AlgoOrder, 'orderType' | 'side' | 'triggerPrice'>,
    price: number,
  ): boolean => {
    const rising = (a.orderType === 'STOP_MARKET') === (a.side === 'BUY');
    return rising ? price >= a.triggerPrice : price <= a.triggerPrice;
  };

  const placeAlgo = (r: AlgoOrderRequest): Either<BinanceError, AlgoOrder> => {
    const market = byId.get(r.symbol);
    if (market === undefined) return left(INVALID_SYMBOL);
    const side = checkPositionSide(r.positionSide, r.reduceOnly);
    if (side._tag === 'Left') return side;
    const cid = r.clientAlgoId;
    if (cid !== null && [...algos.values()].some((a) => isAlgoOpen(a) && a.clientAlgoId === cid))
      return left(DUPLICATE_CLIENT_ID);
    const filtered = checkFilters(market.rules, {
      quantity: r.quantity ?? market.rules.minQty,
      price: null,
      stopPrice: r.triggerPrice,
      notionalPrice: undefined,
    });
    if (filtered !== null) return left(filtered);
    const last = mark(r.symbol);
    if (last !== undefined && fires({ ...r }, last)) return left(WOULD_TRIGGER);
    const now = clock();
    algoSeq += 1;
    const algo: AlgoOrder = {
      algoId: algoSeq,
      clientAlgoId: cid ?? `venuealgo-${algoSeq}`,
      symbol: r.symbol,
      side: r.side,
      positionSide: side.right,
      orderType: r.orderType,
      quantity: r.quantity ?? 0,
      closePosition: r.closePosition,
      reduceOnly: r.reduceOnly === true,
      triggerPrice: r.triggerPrice,
      workingType: r.workingType,
      algoStatus: 'NEW',
      actualOrderId: '',
      executedQty: 0,
      avgPrice: 0,
      createTime: now,
      updateTime: now,
      triggerTime: 0,
    };
    saveAlgo(algo);
    return right(algo);
  };

  const findAlgo = (ref: AlgoRef): AlgoOrder | undefined =>
    'algoId' in ref
      ? algos.get(ref.algoId)
      : [...algos.values()].reverse().find((a) => a.clientAlgoId === ref.clientAlgoId);

  const cancelAlgo = (ref: AlgoRef): Either<BinanceError, AlgoOrder> => {
    const a = findAlgo(ref);
    if (a === undefined || a.algoStatus !== 'NEW') return left(UNKNOWN_ORDER);
    const canceled: AlgoOrder = { ...a, algoStatus: 'CANCELED', updateTime: clock() };
    saveAlgo(canceled);
    return right(canceled);
  };

  const amendAlgo = (ref: AlgoRef, change: AlgoChange): Either<BinanceError, AlgoOrder> => {
    const a = findAlgo(ref);
    if (a === undefined || a.algoStatus !== 'NEW') return left(UNKNOWN_ORDER);
    const market = byId.get(a.symbol) as VenueMarket;
    const moved = {
      triggerPrice: change.triggerPrice ?? a.triggerPrice,
      quantity: a.closePosition ? a.quantity : (change.quantity ?? a.quantity),
    };
    const filtered = checkFilters(market.rules, {
      quantity: moved.quantity === 0 ? market.rules.minQty : moved.quantity,
      price: null,
      stopPrice: moved.triggerPrice,
      notionalPrice: undefined,
    });
    if (filtered !== null) return left(filtered);
    const last = mark(a.symbol);
    if (last !== undefined && fires({ ...a, ...moved }, last)) return left(WOULD_TRIGGER);
    const amended: AlgoOrder = { ...a, ...moved, updateTime: clock() };
    saveAlgo(amended);
    return right(amended);
  };

  /** A conditional order fires: a market order in the matching engine, under its client id. */
  const trigger = (a: AlgoOrder): void => {
    const now = clock();
    saveAlgo({ ...a, algoStatus: 'TRIGGERING', triggerTime: now, updateTime: now });
    orderSeq += 1;
    const order: FuturesOrder = {
      orderId: orderSeq,
      clientOrderId: a.clientAlgoId,
      symbol: a.symbol,
      side: a.side,
      positionSide: a.positionSide,
      type: 'MARKET',
      origType: a.orderType,
      timeInForce: 'GTC',
      quantity: a.quantity,
      price: 0,
      stopPrice: a.triggerPrice,
      reduceOnly: a.reduceOnly || a.closePosition,
      closePosition: a.closePosition,
      status: 'NEW',
      executedQty: 0,
      avgPrice: 0,
      cumQuote: 0,
      time: now,
      updateTime: now,
    };
    const triggered: AlgoOrder = {
      ...a,
      algoStatus: 'TRIGGERED',
      actualOrderId: String(order.orderId),
      triggerTime: now,
      updateTime: now,
    };
    saveAlgo(triggered);
    // FINISHED once its order is done, which may take several ticks' prints (see report).
    algoOfOrder.set(order.orderId, a.algoId);
    report(order, 'NEW');
    enterBook(order);
  };

  /** Equity below the maintenance margin: every order cancelled, every position closed at the mark. */
  const liquidateIfDue = (): void => {
    const open = account.positions();
    if (open.length === 0) return;
    const equity = account.wallet() + account.unrealizedProfit(markOr0);
    if (equity >= maintenanceMargin()) return;
    for (const o of [...working.values()]) cancel(o.symbol, { orderId: o.orderId });
    for (const a of [...algos.values()])
      if (a.algoStatus === 'NEW') cancelAlgo({ algoId: a.algoId });
    for (const p of open) {
      const now = clock();
      orderSeq += 1;
      liquidations += 1;
      const side: OrderSide = p.amount > 0 ? 'SELL' : 'BUY';
      const order: FuturesOrder = {
        orderId: orderSeq,
        clientOrderId: `autoclose-${now}-${liquidations}`,
        symbol: p.symbol,
        side,
        positionSide: p.positionSide,
        type: 'LIQUIDATION',
        origType: 'LIQUIDATION',
        timeInForce: 'IOC',
        quantity: Math.abs(p.amount),
        price: 0,
        stopPrice: 0,
        reduceOnly: true,
        closePosition: false,
        status: 'NEW',
        executedQty: 0,
        avgPrice: 0,
        cumQuote: 0,
        time: now,
        updateTime: now,
      };
      report(order, 'NEW');
      // The exchange's liquidation engine takes the whole position at the mark, whatever the
      // market printed: the insurance fund is the other side.
      const price = mark(p.symbol);
      if (price === undefined) expire(order);
      else {
        const fee = feeOf(fillsOf(p.symbol).config.fees, {
          symbol: byId.get(p.symbol)?.symbol ?? p.symbol,
          side,
          reduceOnly: true,
          liquidity: 'TAKER',
          price,
          quantity: order.quantity,
        });
        book(order, { price, quantity: order.quantity, maker: false, fee }, true);
      }
    }
    // The insurance fund takes what the account cannot pay.
    if (account.wallet() < 0) account.credit(-account.wallet());
    listener.account('LIQUIDATION');
  };

  const applyTick = (tick: VenueTick): void => {
    const market = [...byId.values()].find(
      (m) =>
        tick.symbol === m.symbol ||
        tick.symbol === `${m.base}/${m.quote}` ||
        tick.symbol.toUpperCase() === m.id,
    );
    if (market === undefined) return;
    const symbol = market.id;
    // A print the fill model's screen stops neither fills, nor moves the mark, nor fires a stop.
    const acting = fillsOf(symbol).play(tick);
    if (acting === null) return;
    books.set(symbol, mergeQuote(quote(symbol), acting));
    for (const o of [...working.values()])
      if (o.symbol === symbol) offer(o, modelOf(o, o.type !== 'LIMIT'), false);
    const price = mark(symbol);
    if (price !== undefined)
      for (const a of [...algos.values()])
        if (a.symbol === symbol && a.algoStatus === 'NEW' && fires(a, price)) trigger(a);
    liquidateIfDue();
  };

  const liquidationPrice = (symbol: string, side: PositionSide): number => {
    const p = account.position(symbol, side);
    if (p.amount === 0) return 0;
    // wallet + (P − entry) × amount = |amount| × P × rate, solved for P with the others flat.
    const price =
      (p.entryPrice * p.amount - account.wallet()) /
      (p.amount - Math.abs(p.amount) * deps.maintenanceMarginRate);
    return Math.max(0, price);
  };

  return {
    markets: deps.markets,
    market: (id) => byId.get(id),
    account,
    now: clock,
    quote,
    mark,
    place,
    cancel,
    amend,
    find: (symbol, ref) => {
      const o = findOrder(symbol, ref);
      return o === undefined ? left(ORDER_DOES_NOT_EXIST) : right(o);
    },
    orders: () => [...orders.values()],
    trades: () => [...trades],
    placeAlgo,
    cancelAlgo,
    amendAlgo,
    findAlgo: (ref) => {
      const a = findAlgo(ref);
      return a === undefined ? left(ORDER_DOES_NOT_EXIST) : right(a);
    },
    algos: () => [...algos.values()],
    availableBalance,
    openOrderMargin,
    maintenanceMargin,
    liquidationPrice,
    applyTick,
  };
};
