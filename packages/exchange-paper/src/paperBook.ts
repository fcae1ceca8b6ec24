import Big from 'big.js';
import {
  extended,
  fillModelConfig,
  marketAssets,
  matchTick,
  NO_FEES,
  tickBudget,
  workingOrder,
  type Fill,
  type FillModelConfig,
  type Tick,
  type TickBudget,
  type WorkingOrder,
} from '@smart-orders/core';
import {
  createMinHeap,
  type ExchangeOrder,
  type ExchangeReport,
  rewriteTickRecord,
  tickRecordOf,
  type MinHeap,
  type OrderRequest,
  type StopChange,
  type TickRecord,
} from '@smart-orders/engine';

/**
 * The paper exchange's order book. It fills with the core's one fill model (SEMANTICS §9.4),
 * the model the testkit and the venue use: market orders fill at the triggering tick's price
 * when they carry one, else at the next tick's; limit orders rest and fill at their limit when
 * a tick reaches it (makers); stop orders (the native protective stops of SEMANTICS §7) rest
 * until the taker price trades through their stop price, then fill as market orders at that
 * tick's price, so a gap fills worse than the stop. Each fill pays the schedule's fee, takes at
 * most what the tick printed (the rest fills on later ticks as fills of their own), and meets
 * only ticks at or after its send time plus the latency. Orders fill in the order received.
 */
export interface PaperBookOptions {
  readonly slippageBps?: number;
  /**
   * The fill model: fees, size limits, latency. Default: version 1's paper fills (no fees, every
   * fill in full, no latency), what the library's users and tests were written against. The
   * CLI's replay passes the spec's defaults (10 / 10 bps in the received asset, size limits on).
   */
  readonly fills?: Partial<FillModelConfig>;
  /**
   * A drill's fault (CLI.md): market orders sent with a time in [from, to) are rejected, as a
   * venue in an auction or behind a price band refuses them.
   */
  readonly rejectMarketOrders?: readonly { readonly from: number; readonly to: number }[];
}

interface Resting {
  readonly seq: number;
  readonly request: OrderRequest;
  /** What the fill model knows of it: how much has filled, whether its stop has fired. */
  working: WorkingOrder;
}

/**
 * Resting orders of one symbol: market orders (and fired stops) wait for the next tick with a
 * price; limits and stops by price.
 */
interface SymbolBook {
  readonly markets: Resting[];
  /** Buy limits keyed by −price (best first); fill when the price falls to them. */
  readonly bids: MinHeap<number>;
  /** Sell limits keyed by price; fill when the price rises to them. */
  readonly asks: MinHeap<number>;
  /** Sell stops keyed by −stopPrice (highest first); fire when the price falls to them. */
  readonly sellStops: MinHeap<number>;
  /** Buy stops keyed by stopPrice (lowest first); fire when the price rises to them. */
  readonly buyStops: MinHeap<number>;
  /** The four heaps' smallest keys (bids, asks, sell stops, buy stops), which a tick reads first. */
  readonly tops: number[];
}

/** The last tick of a symbol and what its printed size has left, for orders sent in answer to it. */
interface Current {
  /**
   * The symbol's last tick in a record of the book's own, rewritten in place: the book keeps no
   * tick it was given (the engine's `tickRecordOf` says why).
   */
  readonly tick: TickRecord;
  /** Null until an order meets the tick: most ticks meet none, and make no budget. */
  budget: TickBudget | null;
}

export interface PaperBook {
  readonly config: FillModelConfig;
  submit(request: OrderRequest): ExchangeReport[];
  /** `ts` absent: the venue does not stamp the cancel (the requester's time is the report's). */
  cancel(clientOrderId: string, ts?: number): ExchangeReport[];
  /** Moves a resting stop order in place; a REJECTED report when none rests under that id. */
  amendStop(clientOrderId: string, change: StopChange): ExchangeReport[];
  match(tick: Tick): ExchangeReport[];
  lookup(clientOrderId: string): ExchangeOrder | null;
  openOrders(symbol?: string): ExchangeOrder[];
  positions(): Map<string, number>;
  restorePositions(positions: readonly { symbol: string; quantity: number }[]): void;
}

const ACCEPTED = 'NEW' as const;

export const createPaperBook = (options: PaperBookOptions = {}): PaperBook => {
  const config = fillModelConfig(
    { fees: NO_FEES, sizeLimits: false },
    options.slippageBps === undefined ? {} : { slippageBps: options.slippageBps },
    options.fills ?? {},
  );
  const orders = new Map<string, ExchangeOrder>();
  const resting = new Map<string, Resting>();
  const bySeq = new Map<number, Resting>();
  const books = new Map<string, SymbolBook>();
  const current = new Map<string, Current>();
  // Positions in exact decimals (§1): a position is flat when it is exactly zero, whatever the
  // mix of lot sizes that made it.
  const positions = new Map<string, Big>();
  let seq = 0;

  const bookOf = (symbol: string): SymbolBook => {
    let b = books.get(symbol);
    if (b === undefined) {
      const tops: number[] = [];
      b = {
        markets: [],
        bids: createMinHeap<number>({ keys: tops, at: 0 }),
        asks: createMinHeap<number>({ keys: tops, at: 1 }),
        sellStops: createMinHeap<number>({ keys: tops, at: 2 }),
        buyStops: createMinHeap<number>({ keys: tops, at: 3 }),
        tops,
      };
      books.set(symbol, b);
    }
    return b;
  };

  /** What the tick printed is left to take: its whole size until an order first meets it. */
  const budgetOf = (now: Current): TickBudget =>
    (now.budget ??= tickBudget(now.tick, config.sizeLimits));

  /** Where a resting order waits: a market order or a fired stop for any price, the others by theirs. */
  const place = (r: Resting): void => {
    const b = bookOf(r.request.symbol);
    const w = r.working;
    if (w.type === 'MARKET' || w.fired === true) b.markets.push(r);
    else if (w.type === 'STOP') {
      const stopPrice = w.stopPrice as number;
      if (w.side === 'BUY') b.buyStops.push(stopPrice, r.seq, 0);
      else b.sellStops.push(-stopPrice, r.seq, 0);
    } else if (w.side === 'BUY') b.bids.push(-(w.price ?? 0), r.seq, 0);
    else b.asks.push(w.price ?? 0, r.seq, 0);
  };

  /** A working order the book holds, not yet placed where it waits. */
  const hold = (request: OrderRequest, working: WorkingOrder): Resting => {
    const r: Resting = { seq: seq++, request, working };
    resting.set(request.clientOrderId, r);
    bySeq.set(r.seq, r);
    return r;
  };

  const rest = (request: OrderRequest, working: WorkingOrder): void =>
    place(hold(request, working));

  const unrest = (r: Resting): void => {
    resting.delete(r.request.clientOrderId);
    bySeq.delete(r.seq);
  };

  // Cancelled, filled or amended orders stay in a heap under their old sequence number until
  // they surface; they are skipped then.
  const crossing = (
    heap: MinHeap<number>,
    limit: number,
    out: Resting[] | null,
  ): Resting[] | null => {
    let crossed = out;
    while (heap.topKey() <= limit) {
      const r = bySeq.get(heap.topId());
      heap.pop();
      if (r !== undefined) (crossed ??= []).push(r);
    }
    return crossed;
  };

  /** The whole order: a request sent again after a restart is the rest of what it was. */
  const totalOf = (request: OrderRequest): number =>
    new Big(request.quantity).plus(request.filledQuantity ?? 0).toNumber();

  const workingOf = (request: OrderRequest): WorkingOrder => ({
    ...workingOrder({
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      quantity: totalOf(request),
      ...(request.price === undefined ? {} : { price: request.price }),
      ...(request.stopPrice === undefined ? {} : { stopPrice: request.stopPrice }),
      reduceOnly: request.reduceOnly,
      sentAt: request.ts,
      ...(request.stepSize === undefined ? {} : { stepSize: request.stepSize }),
      ...(request.tickSize === undefined ? {} : { tickSize: request.tickSize }),
    }),
    filledQuantity: request.filledQuantity ?? 0,
  });

  /**
   * A fill booked: the order's filled quantity and average price, and the position. A fee taken
   * in the base asset is withheld from what a buy receives (SEMANTICS §9.1), so the position the
   * exchange reports is the net one, the one an exit may sell.
   */
  const book = (f: Fill): ExchangeReport => {
    const order = orders.get(f.clientOrderId) as ExchangeOrder;
    const { base } = marketAssets(f.symbol);
    const received = new Big(f.quantity).minus(f.fee.asset === base ? f.fee.amount : 0);
    const previous = positions.get(f.symbol) ?? new Big(0);
    positions.set(
      f.symbol,
      f.side === 'BUY' ? previous.plus(received) : previous.minus(f.quantity),
    );
    const averagePrice =
      order.averagePrice === null
        ? f.price
        : new Big(order.averagePrice)
            .times(order.filledQuantity)
            .plus(new Big(f.price).times(f.quantity))
            .div(f.cumulativeQuantity)
            .toNumber();
    orders.set(
      f.clientOrderId,
      extended(order, {
        status: f.complete ? ('FILLED' as const) : ('OPEN' as const),
        filledQuantity: f.cumulativeQuantity,
        averagePrice,
        updatedAt: f.ts,
      }),
    );
    return {
      clientOrderId: f.clientOrderId,
      symbol: f.symbol,
      ts: f.ts,
      execType: 'TRADE',
      lastPrice: f.price,
      lastQuantity: f.quantity,
      cumulativeQuantity: f.cumulativeQuantity,
      exchangeOrderId: order.exchangeOrderId,
      // Nothing charged is no fee: the events stay as version 1 wrote them under `--fees 0`.
      ...(f.fee.amount === 0 ? {} : { fee: f.fee }),
    };
  };

  /** Runs the fill model over `due` (in order received) and puts back what is left. */
  const fillOn = (tick: Tick, budget: TickBudget, due: readonly Resting[]) => {
    const matched = matchTick(
      config,
      tick,
      budget,
      due.map((r) => r.working),
    );
    const left = new Map(matched.orders.map((w) => [w.clientOrderId, w]));
    for (const r of due) {
      const w = left.get(r.request.clientOrderId);
      if (w === undefined) unrest(r);
      else {
        r.working = w;
        place(r);
      }
    }
    return { reports: matched.fills.map(book), budget: matched.budget };
  };

  /**
   * The tick a market order sent in answer to the symbol's current tick meets, at the price
   * that triggered it (the engine's, possibly the trade price or the side of the book it
   * reads), with what the tick printed still to take; without a current tick of that time (sent
   * later than the last tick, or before any), its trigger price alone, with no size to limit it.
   */
  const answeredTick = (
    request: OrderRequest,
    price: number,
  ): { tick: Tick; budget: TickBudget } => {
    const now = current.get(request.symbol);
    if (now === undefined || now.tick.ts !== request.ts) {
      const tick: Tick = { type: 'Tick', symbol: request.symbol, ts: request.ts, price };
      return { tick, budget: tickBudget(tick, false) };
    }
    const t = now.tick;
    const tick: Tick =
      t.price !== undefined
        ? { ...t, price }
        : request.side === 'BUY'
          ? { ...t, ask: price }
          : { ...t, bid: price };
    return { tick, budget: budgetOf(now) };
  };

  /**
   * Whether a market order sent in answer to a tick still meets that tick. A part-filled order
   * sent again after a restart has had its tick: the rest waits for the next. So has one whose
   * time is before the symbol's current tick, filled or not: sent again after a restart, it had
   * met its tick and every tick since in the book that died (a print taken by the orders ahead
   * of it leaves it nothing), so it waits for the next tick behind the orders ahead, as it did;
   * filled at its trigger price without a size, it would take what those ticks never printed.
   */
  const answersItsTick = (request: OrderRequest): boolean => {
    if ((request.filledQuantity ?? 0) > 0) return false;
    const now = current.get(request.symbol);
    return now === undefined || now.tick.ts <= request.ts;
  };

  // The rejectMarketOrders drill rehearses the engine's own market exits being refused (and
  // retried as marketable limits); a stop order is accepted and fires as the venue's own market
  // order, which that fault does not model, so stops are never refused by it.
  const refusalOf = (request: OrderRequest): string | undefined => {
    if (request.type === 'STOP') {
      return positive(request.stopPrice)
        ? undefined
        : `paper: STOP order ${request.clientOrderId} needs a stopPrice > 0, got ${request.stopPrice}`;
    }
    if (request.type !== 'MARKET') return undefined;
    const w = options.rejectMarketOrders?.find((x) => request.ts >= x.from && request.ts < x.to);
    return w === undefined
      ? undefined
      : `paper: market orders are refused from ${w.from} to ${w.to} (fault rejectMarketOrders)`;
  };

  const rejected = (clientOrderId: string, symbol: string, ts: number, reason: string) => ({
    clientOrderId,
    symbol,
    ts,
    execType: 'REJECTED' as const,
    reason,
  });

  return {
    config,
    submit(request) {
      if (orders.has(request.clientOrderId)) return [];
      const refusal = refusalOf(request);
      if (refusal !== undefined) {
        orders.set(
          request.clientOrderId,
          extended(toOrder(request, 'REJECTED'), { updatedAt: request.ts }),
        );
        return [rejected(request.clientOrderId, request.symbol, request.ts, refusal)];
      }
      // A request sent again after a restart goes on from what the log says it filled: only
      // the rest is filled, and the reports' cumulative quantities continue from there.
      orders.set(request.clientOrderId, {
        ...toOrder(request, 'OPEN'),
        quantity: totalOf(request),
        filledQuantity: request.filledQuantity ?? 0,
      });
      if (
        request.type === 'MARKET' &&
        request.triggerPrice !== undefined &&
        answersItsTick(request)
      ) {
        // Sent in answer to a tick: it takes what that tick's print has left, the rest waits
        // for later ticks (and with a latency, it waits for its first tick altogether).
        const answered = answeredTick(request, request.triggerPrice);
        const held = hold(request, workingOf(request));
        const { reports, budget } = fillOn(answered.tick, answered.budget, [held]);
        const now = current.get(request.symbol);
        if (now !== undefined && now.tick.ts === request.ts) now.budget = budget;
        return reports;
      }
      rest(request, workingOf(request));
      // A stop says it rests, so that a REPLACE cancels the stop it supersedes only once the new
      // one protects the position. One already through the price rests too and fires on the
      // next tick: the book fills only on ticks, in the order the engine's batch sees them.
      return request.type === 'STOP'
        ? [
            {
              clientOrderId: request.clientOrderId,
              symbol: request.symbol,
              ts: request.ts,
              execType: ACCEPTED,
              cumulativeQuantity: 0,
              exchangeOrderId: `paper-${request.clientOrderId}`,
            },
          ]
        : [];
    },
    cancel(clientOrderId, ts) {
      const r = resting.get(clientOrderId);
      if (r === undefined) return [];
      unrest(r);
      const order = orders.get(clientOrderId) as ExchangeOrder;
      // Unstamped, the order keeps no time of its last change: a part-filled order's last fill
      // is not when it was cancelled, and its answer would date the cancel before it was asked.
      const { updatedAt: _lastFill, ...unstamped } = order;
      orders.set(
        clientOrderId,
        extended(unstamped, {
          status: 'CANCELED' as const,
          ...(ts === undefined ? {} : { updatedAt: ts }),
        }),
      );
      return [
        {
          clientOrderId,
          symbol: r.request.symbol,
          ts: ts ?? r.request.ts,
          execType: 'CANCELED',
          cumulativeQuantity: order.filledQuantity,
        },
      ];
    },
    amendStop(clientOrderId, change) {
      const r = resting.get(clientOrderId);
      const symbol = r?.request.symbol ?? orders.get(clientOrderId)?.symbol ?? '';
      if (r === undefined || r.request.type !== 'STOP') {
        return [
          rejected(
            clientOrderId,
            symbol,
            change.ts,
            `paper: no resting stop ${clientOrderId} to amend`,
          ),
        ];
      }
      if (!positive(change.stopPrice) || !positive(change.quantity)) {
        return [
          rejected(
            clientOrderId,
            symbol,
            change.ts,
            `paper: stop ${clientOrderId} stays at ${r.request.stopPrice}: stopPrice and quantity must be > 0, got ${change.stopPrice} and ${change.quantity}`,
          ),
        ];
      }
      // Resting again under a new sequence number leaves the old heap entry stale, and puts the
      // stop behind orders received before the amendment, as a venue's price amend loses its
      // time priority. What it filled before stays filled.
      // The amended stop's quantity is its whole size; what it filled stays filled.
      const { filledQuantity: _before, ...sent } = r.request;
      const amended: OrderRequest = {
        ...sent,
        stopPrice: change.stopPrice,
        quantity: change.quantity,
        ts: change.ts,
      };
      unrest(r);
      rest(amended, {
        ...workingOf(amended),
        filledQuantity: r.working.filledQuantity,
        sentAt: r.working.sentAt,
      });
      const order = orders.get(clientOrderId) as ExchangeOrder;
      orders.set(
        clientOrderId,
        extended(order, {
          quantity: change.quantity,
          stopPrice: change.stopPrice,
          updatedAt: change.ts,
        }),
      );
      return [];
    },
    match(tick) {
      // Every tick passes here, most of them matching nothing: the symbol's current tick is
      // replaced in place, and its budget and the list of orders due are made when one is.
      let now = current.get(tick.symbol);
      if (now === undefined) {
        now = { tick: tickRecordOf(tick), budget: null };
        current.set(tick.symbol, now);
      } else {
        rewriteTickRecord(now.tick, tick);
        now.budget = null;
      }
      const b = books.get(tick.symbol);
      if (b === undefined) return [];
      let due: Resting[] | null =
        b.markets.length === 0
          ? null
          : b.markets.splice(0).filter((r) => resting.get(r.request.clientOrderId) === r);
      const buyPrice = takerPrice(tick, 'BUY');
      const sellPrice = takerPrice(tick, 'SELL');
      const { tops } = b;
      const crossed =
        (buyPrice !== undefined &&
          ((tops[0] as number) <= -buyPrice || (tops[3] as number) <= buyPrice)) ||
        (sellPrice !== undefined &&
          ((tops[1] as number) <= sellPrice || (tops[2] as number) <= -sellPrice));
      if (crossed) {
        if (buyPrice !== undefined) due = crossing(b.bids, -buyPrice, due);
        if (sellPrice !== undefined) due = crossing(b.asks, sellPrice, due);
        if (sellPrice !== undefined) due = crossing(b.sellStops, -sellPrice, due);
        if (buyPrice !== undefined) due = crossing(b.buyStops, buyPrice, due);
      }
      if (due === null || due.length === 0) return [];
      const filled = fillOn(
        tick,
        budgetOf(now),
        due.sort((x, y) => x.seq - y.seq),
      );
      now.budget = filled.budget;
      return filled.reports;
    },
    lookup: (clientOrderId) => orders.get(clientOrderId) ?? null,
    openOrders: (symbol) =>
      [...resting.values()]
        .filter((r) => symbol === undefined || r.request.symbol === symbol)
        .map((r) => orders.get(r.request.clientOrderId) as ExchangeOrder),
    positions: () => new Map([...positions].map(([symbol, q]) => [symbol, q.toNumber()])),
    restorePositions(restored) {
      for (const p of restored) positions.set(p.symbol, new Big(p.quantity));
    },
  };
};

const takerPrice = (tick: Tick, side: OrderRequest['side']): number | undefined =>
  tick.price ?? (side === 'BUY' ? tick.ask : tick.bid);

const toOrder = (request: OrderRequest, status: ExchangeOrder['status']): ExchangeOrder => ({
  clientOrderId: request.clientOrderId,
  exchangeOrderId: `paper-${request.clientOrderId}`,
  symbol: request.symbol,
  side: request.side,
  type: request.type,
  status,
  quantity: request.quantity,
  filledQuantity: 0,
  averagePrice: null,
  price: request.price ?? null,
  ...(request.type === 'STOP' ? { stopPrice: request.stopPrice ?? null } : {}),
});

const positive = (x: number | undefined): x is number =>
  x !== undefined && Number.isFinite(x) && x > 0;
