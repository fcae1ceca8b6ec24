import Big from 'big.js';
import type { Tick } from '@smart-orders/core';
import {
  createMinHeap,
  type ExchangeOrder,
  type ExchangeReport,
  type MinHeap,
  type OrderRequest,
  type StopChange,
} from '@smart-orders/engine';

/**
 * The paper exchange's order book (SEMANTICS §3 "Paper fills"): market orders fill in full,
 * at the triggering tick's price when they carry one, else at the next tick's; limit orders
 * rest and fill in full at their limit when a tick reaches it; stop orders (the native
 * protective stops of SEMANTICS §7) rest until the taker price trades through their stop price,
 * then fill in full as market orders at that tick's price, so a gap fills worse than the stop.
 * Slippage, in basis points, moves market fills against the taker. Orders fill in the order
 * they were received.
 */
export interface PaperBookOptions {
  readonly slippageBps?: number;
  /**
   * A drill's fault (CLI.md): market orders sent with a time in [from, to) are rejected, as a
   * venue in an auction or behind a price band refuses them.
   */
  readonly rejectMarketOrders?: readonly { readonly from: number; readonly to: number }[];
}

interface Resting {
  readonly seq: number;
  readonly request: OrderRequest;
}

/** Resting orders of one symbol: market orders wait for the next tick; limits and stops by price. */
interface SymbolBook {
  readonly markets: Resting[];
  /** Buy limits keyed by −price (best first); fill when the price falls to them. */
  readonly bids: MinHeap;
  /** Sell limits keyed by price; fill when the price rises to them. */
  readonly asks: MinHeap;
  /** Sell stops keyed by −stopPrice (highest first); fire when the price falls to them. */
  readonly sellStops: MinHeap;
  /** Buy stops keyed by stopPrice (lowest first); fire when the price rises to them. */
  readonly buyStops: MinHeap;
}

export interface PaperBook {
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

export const createPaperBook = (options: PaperBookOptions = {}): PaperBook => {
  const slippage = new Big(options.slippageBps ?? 0).div(10_000);
  const orders = new Map<string, ExchangeOrder>();
  const resting = new Map<string, Resting>();
  const bySeq = new Map<number, Resting>();
  const books = new Map<string, SymbolBook>();
  // Positions in exact decimals (§1): a position is flat when it is exactly zero, whatever the
  // mix of lot sizes that made it.
  const positions = new Map<string, Big>();
  let seq = 0;

  const bookOf = (symbol: string): SymbolBook => {
    let b = books.get(symbol);
    if (b === undefined) {
      b = {
        markets: [],
        bids: createMinHeap(),
        asks: createMinHeap(),
        sellStops: createMinHeap(),
        buyStops: createMinHeap(),
      };
      books.set(symbol, b);
    }
    return b;
  };

  const rest = (request: OrderRequest): void => {
    const r = { seq: seq++, request };
    resting.set(request.clientOrderId, r);
    bySeq.set(r.seq, r);
    const b = bookOf(request.symbol);
    if (request.type === 'MARKET') b.markets.push(r);
    else if (request.type === 'STOP') {
      const stopPrice = request.stopPrice as number;
      if (request.side === 'BUY') b.buyStops.push({ key: stopPrice, id: r.seq, generation: 0 });
      else b.sellStops.push({ key: -stopPrice, id: r.seq, generation: 0 });
    } else if (request.side === 'BUY')
      b.bids.push({ key: -(request.price ?? 0), id: r.seq, generation: 0 });
    else b.asks.push({ key: request.price ?? 0, id: r.seq, generation: 0 });
  };

  const unrest = (r: Resting): void => {
    resting.delete(r.request.clientOrderId);
    bySeq.delete(r.seq);
  };

  // Cancelled, filled or amended orders stay in a heap under their old sequence number until
  // they surface; they are skipped then.
  const crossing = (heap: MinHeap, limit: number, out: Resting[]): void => {
    for (let top = heap.peek(); top !== undefined && top.key <= limit; top = heap.peek()) {
      heap.pop();
      const r = bySeq.get(top.id);
      if (r !== undefined) out.push(r);
    }
  };

  // A price moved by slippage is rounded to the order's tick against it (§3): a buy up, a
  // sell down, so that every fill is a price the market could print.
  const marketFillPrice = (request: OrderRequest, price: number): number => {
    if (slippage.eq(0)) return price;
    const buy = request.side === 'BUY';
    const moved = new Big(price).times(
      buy ? new Big(1).plus(slippage) : new Big(1).minus(slippage),
    );
    return request.tickSize === undefined
      ? moved.toNumber()
      : moved
          .div(request.tickSize)
          .round(0, buy ? Big.roundUp : Big.roundDown)
          .times(request.tickSize)
          .toNumber();
  };

  const fill = (request: OrderRequest, price: number, ts: number): ExchangeReport => {
    const previous = positions.get(request.symbol) ?? new Big(0);
    const delta = request.side === 'BUY' ? request.quantity : -request.quantity;
    positions.set(request.symbol, previous.plus(delta));
    orders.set(request.clientOrderId, {
      ...toOrder(request, 'FILLED'),
      filledQuantity: request.quantity,
      averagePrice: price,
      updatedAt: ts,
    });
    const r = resting.get(request.clientOrderId);
    if (r !== undefined) unrest(r);
    return {
      clientOrderId: request.clientOrderId,
      symbol: request.symbol,
      ts,
      execType: 'TRADE',
      lastPrice: price,
      lastQuantity: request.quantity,
      cumulativeQuantity: request.quantity,
      exchangeOrderId: `paper-${request.clientOrderId}`,
    };
  };

  const takerPrice = (tick: Tick, side: OrderRequest['side']): number | undefined =>
    tick.price ?? (side === 'BUY' ? tick.ask : tick.bid);

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
    submit(request) {
      if (orders.has(request.clientOrderId)) return [];
      const refusal = refusalOf(request);
      if (refusal !== undefined) {
        orders.set(request.clientOrderId, {
          ...toOrder(request, 'REJECTED'),
          updatedAt: request.ts,
        });
        return [rejected(request.clientOrderId, request.symbol, request.ts, refusal)];
      }
      orders.set(request.clientOrderId, toOrder(request, 'OPEN'));
      if (request.type === 'MARKET' && request.triggerPrice !== undefined) {
        return [fill(request, marketFillPrice(request, request.triggerPrice), request.ts)];
      }
      rest(request);
      // A stop says it rests, so that a REPLACE cancels the stop it supersedes only once the new
      // one protects the position. One already through the price rests too and fires on the
      // next tick: the book fills only on ticks, in the order the engine's batch sees them.
      return request.type === 'STOP'
        ? [
            {
              clientOrderId: request.clientOrderId,
              symbol: request.symbol,
              ts: request.ts,
              execType: 'NEW',
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
      orders.set(clientOrderId, {
        ...toOrder(r.request, 'CANCELED'),
        ...(ts === undefined ? {} : { updatedAt: ts }),
      });
      return [
        {
          clientOrderId,
          symbol: r.request.symbol,
          ts: ts ?? r.request.ts,
          execType: 'CANCELED',
          cumulativeQuantity: 0,
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
      // time priority.
      const amended: OrderRequest = {
        ...r.request,
        stopPrice: change.stopPrice,
        quantity: change.quantity,
        ts: change.ts,
      };
      unrest(r);
      rest(amended);
      orders.set(clientOrderId, { ...toOrder(amended, 'OPEN'), updatedAt: change.ts });
      return [];
    },
    match(tick) {
      const b = books.get(tick.symbol);
      if (b === undefined) return [];
      const due: Resting[] = [];
      const buyPrice = takerPrice(tick, 'BUY');
      const sellPrice = takerPrice(tick, 'SELL');
      const markets = b.markets.splice(0).filter((r) => resting.has(r.request.clientOrderId));
      for (const r of markets) {
        if (takerPrice(tick, r.request.side) === undefined) b.markets.push(r);
        else due.push(r);
      }
      if (buyPrice !== undefined) crossing(b.bids, -buyPrice, due);
      if (sellPrice !== undefined) crossing(b.asks, sellPrice, due);
      if (sellPrice !== undefined) crossing(b.sellStops, -sellPrice, due);
      if (buyPrice !== undefined) crossing(b.buyStops, buyPrice, due);
      return due
        .sort((x, y) => x.seq - y.seq)
        .map(({ request }) =>
          request.type === 'LIMIT'
            ? fill(request, request.price as number, tick.ts)
            : fill(
                request,
                marketFillPrice(request, takerPrice(tick, request.side) as number),
                tick.ts,
              ),
        );
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
