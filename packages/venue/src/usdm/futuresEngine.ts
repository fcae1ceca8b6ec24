import { feeOf, mul, sub, type FeeSchedule } from '@smart-orders/core';
import { left, right, type Either } from 'fp-ts/Either';
import {
  INVALID_SYMBOL,
  ORDER_DOES_NOT_EXIST,
  UNKNOWN_ORDER,
  type BinanceError,
} from '../binanceError';
import { checkFilters } from '../filters';
import { mergeQuote, takerPrice, type Quote } from '../quote';
import type { VenueMarket } from '../venueMarket';
import type { OrderSide } from '../venueOrder';
import type { VenueTick } from '../venueTick';
import type { FuturesAccount } from './futuresAccount';
import {
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
  type AlgoOrder,
  type FuturesOrder,
  type FuturesTrade,
  type PositionSide,
} from './futuresOrder';
import type { AlgoOrderRequest, FuturesOrderRequest } from './futuresRequest';
import { applyFill, reduces } from './position';

export type FuturesExecType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED';

export interface FuturesListener {
  order(order: FuturesOrder, execType: FuturesExecType, trade: FuturesTrade | null): void;
  algo(algo: AlgoOrder): void;
  /** The wallet or a position changed (`ORDER`), or the account was liquidated. */
  account(reason: 'ORDER' | 'LIQUIDATION'): void;
}

export type FuturesRef = { readonly orderId: number } | { readonly clientOrderId: string };
export type AlgoRef = { readonly algoId: number } | { readonly clientAlgoId: string };

export interface FuturesEngineDeps {
  readonly markets: readonly VenueMarket[];
  readonly account: FuturesAccount;
  readonly clock: () => number;
  readonly nextTradeId: () => number;
  /** Maintenance margin as a share of a position's notional at the mark (0.004 = 0.4 %). */
  readonly maintenanceMarginRate: number;
  readonly listener: FuturesListener;
  /** What each fill costs; a contract delivers no base asset, so every fee is in the settlement asset. */
  readonly fees: FeeSchedule;
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
  find(symbol: string, ref: FuturesRef): Either<BinanceError, FuturesOrder>;
  orders(): readonly FuturesOrder[];
  trades(): readonly FuturesTrade[];
  placeAlgo(request: AlgoOrderRequest): Either<BinanceError, AlgoOrder>;
  cancelAlgo(ref: AlgoRef): Either<BinanceError, AlgoOrder>;
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
 * USDⓈ-M perpetuals against recorded ticks: market and limit orders filling whole, positions
 * in one-way or hedge mode, reduce-only and closing orders, conditional orders in an algo
 * service that fire on the last price, and liquidation when the account's equity falls below
 * its maintenance margin. Cross margin for every symbol; fees from the wallet, no funding.
 */
export const createFuturesEngine = (deps: FuturesEngineDeps): FuturesEngine => {
  const { account, clock, listener } = deps;
  const byId = new Map(deps.markets.map((m) => [m.id, m]));
  const orders = new Map<number, FuturesOrder>();
  const working = new Map<number, FuturesOrder>();
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
    if (o.status === 'NEW') working.set(o.orderId, o);
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
      .reduce((sum, o) => sum + mul(o.quantity, o.price) / account.leverage(o.symbol), 0);

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
  };

  const fill = (o: FuturesOrder, price: number | undefined, maker: boolean): void => {
    const now = clock();
    const limited = o.reduceOnly || o.closePosition || o.positionSide !== 'BOTH';
    const cap =
      o.closePosition || o.reduceOnly || reducingIn(o.positionSide, o.side)
        ? closable(o)
        : Infinity;
    const qty = o.closePosition ? cap : Math.min(o.quantity, limited ? cap : o.quantity);
    if (price === undefined || qty <= 0) {
      report({ ...o, status: 'EXPIRED', updateTime: now }, 'EXPIRED');
      return;
    }
    const filled = applyFill(account.position(o.symbol, o.positionSide), o.side, qty, price);
    account.setPosition(o.symbol, o.positionSide, filled.position);
    const symbol = byId.get(o.symbol)?.symbol ?? o.symbol;
    const fee = feeOf(deps.fees, {
      symbol,
      side: o.side,
      reduceOnly: o.reduceOnly || o.closePosition,
      liquidity: maker ? 'MAKER' : 'TAKER',
      price,
      quantity: qty,
    });
    // The fee is paid from the wallet, as Binance takes it from the settlement asset.
    account.credit(sub(filled.realized, fee.amount));
    const quoteQty = mul(qty, price);
    const trade: FuturesTrade = {
      id: deps.nextTradeId(),
      orderId: o.orderId,
      symbol: o.symbol,
      side: o.side,
      positionSide: o.positionSide,
      price,
      qty,
      quoteQty,
      realizedPnl: filled.realized,
      time: now,
      maker,
      commission: fee.amount,
    };
    trades.push(trade);
    const whole = o.closePosition || qty === o.quantity;
    report(
      {
        ...o,
        quantity: o.closePosition ? qty : o.quantity,
        status: whole ? 'FILLED' : 'EXPIRED',
        executedQty: qty,
        avgPrice: price,
        cumQuote: quoteQty,
        updateTime: now,
      },
      'TRADE',
      trade,
    );
    listener.account('ORDER');
  };

  const enterBook = (o: FuturesOrder): void => {
    const q = quote(o.symbol);
    if (o.type === 'MARKET') return fill(o, takerPrice(o.side, q), false);
    const taker = takerPrice(o.side, q);
    const crosses = taker !== undefined && (o.side === 'BUY' ? taker <= o.price : taker >= o.price);
    if (crosses) return fill(o, taker, false);
    if (o.timeInForce === 'IOC' || o.timeInForce === 'FOK')
      report({ ...o, status: 'EXPIRED', updateTime: clock() }, 'EXPIRED');
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
    if (o === undefined || o.status !== 'NEW') return left(UNKNOWN_ORDER);
    const canceled: FuturesOrder = { ...o, status: 'CANCELED', updateTime: clock() };
    report(canceled, 'CANCELED');
    return right(canceled);
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
    report(order, 'NEW');
    enterBook(order);
    const done = orders.get(order.orderId) ?? order;
    saveAlgo({
      ...triggered,
      algoStatus: 'FINISHED',
      quantity: a.closePosition ? done.executedQty : a.quantity,
      executedQty: done.executedQty,
      avgPrice: done.avgPrice,
      updateTime: clock(),
    });
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
      fill(order, mark(p.symbol), false);
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
    books.set(symbol, mergeQuote(quote(symbol), tick));
    for (const o of [...working.values()]) {
      if (o.symbol !== symbol || o.type !== 'LIMIT') continue;
      const taker = takerPrice(o.side, tick);
      if (taker !== undefined && (o.side === 'BUY' ? taker <= o.price : taker >= o.price))
        fill(o, o.price, true);
    }
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
    find: (symbol, ref) => {
      const o = findOrder(symbol, ref);
      return o === undefined ? left(ORDER_DOES_NOT_EXIST) : right(o);
    },
    orders: () => [...orders.values()],
    trades: () => [...trades],
    placeAlgo,
    cancelAlgo,
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
