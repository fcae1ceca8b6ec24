import { isLeft, left, right, type Either } from 'fp-ts/Either';
import { feeOf, type FeeSchedule } from '@smart-orders/core';
import type { Account, BalanceLine } from './account';
import {
  INSUFFICIENT_BALANCE,
  ORDER_DOES_NOT_EXIST,
  UNKNOWN_ORDER,
  type BinanceError,
} from './binanceError';
import type { ExecType, ExecutionReport } from './executionReport';
import { admitOrder } from './orderAdmission';
import type { NewOrderRequest } from './orderRequest';
import { mergeQuote, takerPrice, type Quote } from './quote';
import { releaseOrder, settleFill } from './settlement';
import { limitCrossed, stopReached } from './triggers';
import type { VenueMarket } from './venueMarket';
import { isMarketType, isOpen, type VenueOrder, type VenueTrade } from './venueOrder';
import type { VenueTick } from './venueTick';

export interface EngineListener {
  execution(report: ExecutionReport): void;
  account(ts: number, lines: readonly BalanceLine[]): void;
}

export type OrderRef = { readonly orderId: number } | { readonly clientOrderId: string };

export interface PlaceResult {
  readonly order: VenueOrder;
  readonly fills: readonly VenueTrade[];
}

export interface MatchingEngine {
  readonly market: VenueMarket;
  /** Recorded time of the last tick played, of any market: the venue's clock. */
  now(): number;
  quote(): Quote;
  place(request: NewOrderRequest): Either<BinanceError, PlaceResult>;
  cancel(ref: OrderRef, cancelClientOrderId: string): Either<BinanceError, VenueOrder>;
  /** Changes a working order in place (Bybit's amend): same ids, checked and locked anew. */
  amend(ref: OrderRef, change: OrderChange): Either<BinanceError, VenueOrder>;
  find(ref: OrderRef): Either<BinanceError, VenueOrder>;
  orders(): readonly VenueOrder[];
  trades(): readonly VenueTrade[];
  balances(): readonly BalanceLine[];
  applyTick(tick: VenueTick): void;
}

/** What an amend may change; what it leaves out stays as it was. */
export interface OrderChange {
  readonly quantity?: number;
  readonly price?: number;
  readonly stopPrice?: number;
}

export interface OrderIds {
  peek(): number;
  take(): void;
}

export const createOrderIds = (): OrderIds => {
  let last = 0;
  return { peek: () => last + 1, take: () => void (last += 1) };
};

export interface MatchingEngineDeps {
  readonly market: VenueMarket;
  readonly account: Account;
  readonly marketClosed: (now: number) => boolean;
  /** The venue's clock, shared by its markets: the time of the last tick played. */
  readonly clock: () => number;
  /** Order ids are the venue's, across its markets: the id the next accepted order takes. */
  readonly orderIds: OrderIds;
  readonly nextTradeId: () => number;
  readonly listener: EngineListener;
  /** What each fill costs (SEMANTICS §9.4's schedule): Binance spot charges a buy in the base asset. */
  readonly fees: FeeSchedule;
  /** The venue's own fills are trades of the market: Binance prints them on the public streams. */
  readonly printed: (trade: VenueTrade) => void;
}

/**
 * One market's market, limit and stop orders against its recorded ticks; orders fill whole, each
 * fill charged its fee. The account is shared with the venue's other markets.
 */
export const createMatchingEngine = ({
  market,
  account,
  marketClosed,
  clock,
  orderIds,
  nextTradeId,
  listener,
  fees,
  printed,
}: MatchingEngineDeps): MatchingEngine => {
  const orders = new Map<number, VenueOrder>();
  // Ticks are matched against the working orders only, so a long replay does not slow down.
  const working = new Map<number, VenueOrder>();
  const trades: VenueTrade[] = [];
  let book: Quote = {};
  let now = clock();

  const report = (
    order: VenueOrder,
    execType: ExecType,
    trade: VenueTrade | null = null,
    cancelId: string | null = null,
  ) => {
    save(order);
    listener.execution({ order, execType, ts: now, trade, cancelClientOrderId: cancelId });
  };

  const save = (order: VenueOrder) => {
    orders.set(order.orderId, order);
    if (isOpen(order)) working.set(order.orderId, order);
    else working.delete(order.orderId);
  };

  const expire = (order: VenueOrder): VenueOrder => {
    const expired = releaseOrder(account, order, 'EXPIRED', now);
    report(expired, 'EXPIRED');
    return expired;
  };

  const fill = (
    order: VenueOrder,
    price: number | undefined,
    isMaker: boolean,
  ): VenueTrade | null => {
    if (price === undefined) {
      expire(order);
      return null;
    }
    // Spot has no short: a buy always receives the base asset, never closes a position.
    const fee = feeOf(fees, {
      symbol: market.symbol,
      side: order.side,
      reduceOnly: false,
      liquidity: isMaker ? 'MAKER' : 'TAKER',
      price,
      quantity: order.quantity,
    });
    const settled = settleFill(account, market, order, price, now, fee);
    if (!settled.filled) {
      report(settled.order, 'EXPIRED');
      return null;
    }
    const trade: VenueTrade = {
      id: nextTradeId(),
      orderId: order.orderId,
      side: order.side,
      price,
      qty: order.quantity,
      quoteQty: settled.quoteQty,
      time: now,
      isMaker,
      commission: fee.amount,
      commissionAsset: fee.asset,
    };
    trades.push(trade);
    report(settled.order, 'TRADE', trade);
    printed(trade);
    return trade;
  };

  /** An order entering the book: a marketable one takes at the market, an IOC/FOK one expires. */
  const enterBook = (order: VenueOrder): VenueTrade | null => {
    if (isMarketType(order.type)) return fill(order, takerPrice(order.side, book), false);
    if (limitCrossed(order, book)) return fill(order, takerPrice(order.side, book), false);
    if (order.timeInForce !== 'GTC') expire(order);
    return null;
  };

  const place = (request: NewOrderRequest): Either<BinanceError, PlaceResult> => {
    now = clock();
    const admitted = admitOrder(request, {
      market,
      book,
      now,
      working: working.values(),
      marketClosed: marketClosed(now),
      orderId: orderIds.peek(),
    });
    if (isLeft(admitted)) return admitted;
    const order = admitted.right;
    if (!account.lock(order.lockedAsset, order.lockedAmount)) return left(INSUFFICIENT_BALANCE);
    orderIds.take();
    report(order, 'NEW');
    const trade = order.triggered ? enterBook(order) : null;
    listener.account(now, account.lines());
    return right({
      order: orders.get(order.orderId) ?? order,
      fills: trade === null ? [] : [trade],
    });
  };

  const findOrder = (ref: OrderRef): VenueOrder | undefined => {
    if ('orderId' in ref) return orders.get(ref.orderId);
    return [...orders.values()].reverse().find((o) => o.clientOrderId === ref.clientOrderId);
  };

  const cancel = (ref: OrderRef, cancelClientOrderId: string): Either<BinanceError, VenueOrder> => {
    now = clock();
    const order = findOrder(ref);
    if (order === undefined || !isOpen(order)) return left(UNKNOWN_ORDER);
    const canceled = releaseOrder(account, order, 'CANCELED', now);
    report(canceled, 'CANCELED', null, cancelClientOrderId);
    listener.account(now, account.lines());
    return right(canceled);
  };

  const amend = (ref: OrderRef, change: OrderChange): Either<BinanceError, VenueOrder> => {
    now = clock();
    const order = findOrder(ref);
    if (order === undefined || !isOpen(order)) return left(UNKNOWN_ORDER);
    // Checked as a new order with the order's own ids, against the book without itself.
    const others = [...working.values()].filter((o) => o.orderId !== order.orderId);
    const readmitted = admitOrder(
      {
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        timeInForce: order.timeInForce,
        quantity: change.quantity ?? order.quantity,
        quoteOrderQty: null,
        price: order.price === null ? null : (change.price ?? order.price),
        stopPrice: order.stopPrice === null ? null : (change.stopPrice ?? order.stopPrice),
        newClientOrderId: order.clientOrderId,
        responseType: 'ACK',
      },
      { market, book, now, working: others, marketClosed: false, orderId: order.orderId },
    );
    if (isLeft(readmitted)) return readmitted;
    account.unlock(order.lockedAsset, order.lockedAmount);
    const amended: VenueOrder = {
      ...readmitted.right,
      time: order.time,
      triggered: order.triggered,
    };
    if (!account.lock(amended.lockedAsset, amended.lockedAmount)) {
      account.lock(order.lockedAsset, order.lockedAmount);
      return left(INSUFFICIENT_BALANCE);
    }
    report(amended, 'REPLACED');
    // A limit moved across the book takes at once, as a new one would.
    if (amended.triggered) enterBook(amended);
    listener.account(now, account.lines());
    return right(orders.get(order.orderId) ?? amended);
  };

  /** Stops whose price is reached trigger; resting limits fill at their limit when the tick crosses. */
  const applyTick = (tick: VenueTick): void => {
    now = clock();
    book = mergeQuote(book, tick);
    let changed = false;
    for (const order of [...working.values()]) {
      if (!order.triggered) {
        if (!stopReached(order, tick)) continue;
        const triggered = { ...order, triggered: true, updateTime: now };
        save(triggered);
        enterBook(triggered);
        changed = true;
      } else if (order.price !== null && limitCrossed(order, tick)) {
        fill(order, order.price, true);
        changed = true;
      }
    }
    if (changed) listener.account(now, account.lines());
  };

  return {
    market,
    now: clock,
    quote: () => book,
    place,
    cancel,
    amend,
    find: (ref) => {
      const order = findOrder(ref);
      return order === undefined ? left(ORDER_DOES_NOT_EXIST) : right(order);
    },
    orders: () => [...orders.values()],
    trades: () => [...trades],
    balances: () => account.lines(),
    applyTick,
  };
};
