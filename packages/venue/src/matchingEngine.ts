import { isLeft, left, right, type Either } from 'fp-ts/Either';
import { mul, sub, workingOrder, type Fill, type WorkingOrder } from '@smart-orders/core';
import type { Account, BalanceLine } from './account';
import {
  INSUFFICIENT_BALANCE,
  ORDER_DOES_NOT_EXIST,
  UNKNOWN_ORDER,
  type BinanceError,
} from './binanceError';
import type { ExecType, ExecutionReport } from './executionReport';
import type { MarketFills } from './marketFills';
import { admitOrder } from './orderAdmission';
import type { NewOrderRequest } from './orderRequest';
import { mergeQuote, type Quote } from './quote';
import { releaseOrder, settleFill, type Settled } from './settlement';
import { stopReached } from './triggers';
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
  /**
   * The market's fills, by the core's one fill model (SEMANTICS §9.4): the fee schedule (Binance
   * spot charges a buy in the base asset), the printed size, the deviation filter, the latency.
   */
  readonly fills: MarketFills;
  /** The venue's own fills are trades of the market: Binance prints them on the public streams. */
  readonly printed: (trade: VenueTrade) => void;
}

/**
 * One market's market, limit and stop orders against its recorded ticks, the account shared with
 * the venue's other markets. Binance's own rules stay here (admission, locks, when a stop
 * triggers, time in force); what fills, at what price and size and for what fee is the fill
 * model's: each fill takes at most what the tick printed, shared by the orders in their order of
 * creation, and the rest fills on later ticks as fills of their own.
 */
export const createMatchingEngine = ({
  market,
  account,
  marketClosed,
  clock,
  orderIds,
  nextTradeId,
  listener,
  fills,
  printed,
}: MatchingEngineDeps): MatchingEngine => {
  const orders = new Map<number, VenueOrder>();
  // Ticks are matched against the working orders only, so a long replay does not slow down; the
  // map keeps their order of creation, which is the order they share a tick's print in.
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

  /**
   * The order as the fill model fills it, derived from the order alone (so an order changed in
   * place is filled as it now stands): a taker (a market order, a triggered STOP_LOSS or
   * TAKE_PROFIT, a limit that crosses as it enters the book) at the tick's price, a resting limit
   * at its limit. Fills are floored to the market's step.
   */
  const modelOf = (order: VenueOrder, taker: boolean): WorkingOrder => ({
    ...workingOrder({
      clientOrderId: String(order.orderId),
      symbol: market.symbol,
      side: order.side,
      type: taker ? 'MARKET' : 'LIMIT',
      quantity: order.quantity,
      ...(order.price === null ? {} : { price: order.price }),
      reduceOnly: false,
      sentAt: order.time,
      stepSize: market.rules.stepSize,
    }),
    filledQuantity: order.executedQty,
  });

  /**
   * Offers a working order to the market's current tick: a fill is settled, reported (`TRADE`,
   * PARTIALLY_FILLED or FILLED) and printed; a fill the account cannot pay expires the order. A
   * fill-or-kill order takes only a fill of all it asks. Returns the order as it stands after.
   */
  const offer = (order: VenueOrder, model: WorkingOrder, fillOrKill: boolean): VenueOrder => {
    const booked: { fill: Fill; settled: Settled }[] = [];
    const unpaid: Fill[] = [];
    fills.fill(model, (fill) => {
      if (fillOrKill && !fill.complete) return false;
      const settled = settleFill(account, market, order, fill, now);
      if (settled === null) unpaid.push(fill);
      else booked.push({ fill, settled });
      return settled !== null;
    });
    const done = booked[0];
    if (done === undefined) return unpaid.length > 0 ? expire(order) : order;
    const { fill, settled } = done;
    const trade: VenueTrade = {
      id: nextTradeId(),
      orderId: order.orderId,
      side: order.side,
      price: fill.price,
      qty: fill.quantity,
      quoteQty: settled.quoteQty,
      time: now,
      isMaker: fill.liquidity === 'MAKER',
      commission: fill.fee.amount,
      commissionAsset: fill.fee.asset,
    };
    trades.push(trade);
    report(settled.order, 'TRADE', trade);
    printed(trade);
    return settled.order;
  };

  /**
   * An order entering the book, at once or when its stop triggers: a market order takes at the
   * current tick, as does a limit the tick crosses (the rest of it then rests as a maker at its
   * limit); IOC and FOK orders expire for what they did not fill at once.
   */
  const enterBook = (order: VenueOrder): VenueOrder => {
    const tick = fills.current();
    // No price at all yet: a market order has nothing to fill at.
    if (isMarketType(order.type) && tick === null) return expire(order);
    const taker =
      isMarketType(order.type) || (order.price !== null && fills.crosses(order.side, order.price));
    const after = offer(order, modelOf(order, taker), order.timeInForce === 'FOK');
    if (!isOpen(after)) return after;
    return order.timeInForce === 'GTC' ? after : expire(after);
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
    const before = trades.length;
    report(order, 'NEW');
    if (order.triggered) enterBook(order);
    listener.account(now, account.lines());
    return right({ order: orders.get(order.orderId) ?? order, fills: trades.slice(before) });
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
      // What it filled stays filled, and it locks for the rest only.
      status: order.status,
      executedQty: order.executedQty,
      cumulativeQuoteQty: order.cumulativeQuoteQty,
      lockedAmount: mul(
        sub(readmitted.right.quantity, order.executedQty),
        readmitted.right.lockPrice,
      ),
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

  /**
   * A recorded tick, once the fill model's screen lets it act: stops whose price it reaches
   * trigger and enter the book; every working order on the book, in order of creation, is offered
   * what is left of the tick's print.
   */
  const applyTick = (recorded: VenueTick): void => {
    now = clock();
    const tick = fills.play(recorded);
    if (tick === null) return;
    book = mergeQuote(book, tick);
    let changed = false;
    for (const order of [...working.values()]) {
      if (!order.triggered) {
        if (!stopReached(order, tick)) continue;
        const triggered = { ...order, triggered: true, updateTime: now };
        save(triggered);
        enterBook(triggered);
        changed = true;
        continue;
      }
      if (offer(order, modelOf(order, isMarketType(order.type)), false) !== order) changed = true;
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
