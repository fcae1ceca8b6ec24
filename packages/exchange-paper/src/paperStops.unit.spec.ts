import type { Tick } from '@smart-orders/core';
import type { OrderRequest } from '@smart-orders/engine';
import { createPaperBook, type PaperBookOptions } from './paperBook';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const SELL_STOP = 'son0r3sellstop000000001';
const BUY_STOP = 'son0r3buystop0000000001';

const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });

const stop = (
  clientOrderId: string,
  side: OrderRequest['side'],
  stopPrice: number,
  quantity = 1,
  ts = 1,
): OrderRequest => ({
  clientOrderId,
  orderId: 'o-1',
  symbol: SYMBOL,
  side,
  type: 'STOP',
  quantity,
  stopPrice,
  reduceOnly: true,
  ts,
});

const market = (clientOrderId: string, side: OrderRequest['side'], ts = 1): OrderRequest => ({
  clientOrderId,
  orderId: 'o-2',
  symbol: SYMBOL,
  side,
  type: 'MARKET',
  quantity: 1,
  reduceOnly: false,
  ts,
});

/** A book holding a long of 1 (or a short of 1) that the stop protects. */
const bookWith = (quantity: number, options: PaperBookOptions = {}) => {
  const book = createPaperBook(options);
  book.restorePositions([{ symbol: SYMBOL, quantity }]);
  return book;
};

const fills = (reports: readonly { execType: string; clientOrderId: string }[]) =>
  reports.filter((r) => r.execType === 'TRADE').map((r) => r.clientOrderId);

describe('paper book: native protective stops', () => {
  it('accepts a stop with a NEW report and leaves it resting', () => {
    const book = bookWith(1);
    expect(book.submit(stop(SELL_STOP, 'SELL', 95))).toEqual([
      {
        clientOrderId: SELL_STOP,
        symbol: SYMBOL,
        ts: 1,
        execType: 'NEW',
        cumulativeQuantity: 0,
        exchangeOrderId: `paper-${SELL_STOP}`,
      },
    ]);
    expect(book.openOrders(SYMBOL).map((o) => o.clientOrderId)).toEqual([SELL_STOP]);
  });

  it('fires a sell stop when the price trades at its stop, not above it', () => {
    const book = bookWith(1);
    book.submit(stop(SELL_STOP, 'SELL', 95));
    expect(book.match(tick(2, 95.01))).toEqual([]);
    expect(book.match(tick(3, 95))).toEqual([
      {
        clientOrderId: SELL_STOP,
        symbol: SYMBOL,
        ts: 3,
        execType: 'TRADE',
        lastPrice: 95,
        lastQuantity: 1,
        cumulativeQuantity: 1,
        exchangeOrderId: `paper-${SELL_STOP}`,
      },
    ]);
    expect(book.openOrders()).toEqual([]);
  });

  it('fires a buy stop when the price trades at its stop, not below it', () => {
    const book = bookWith(-1);
    book.submit(stop(BUY_STOP, 'BUY', 105));
    expect(book.match(tick(2, 104.99))).toEqual([]);
    expect(book.match(tick(3, 105))).toMatchObject([
      { clientOrderId: BUY_STOP, execType: 'TRADE', lastPrice: 105, cumulativeQuantity: 1 },
    ]);
  });

  it('fires a sell stop on the bid and a buy stop on the ask when a tick has no last price', () => {
    const book = bookWith(0);
    book.submit(stop(SELL_STOP, 'SELL', 95));
    book.submit(stop(BUY_STOP, 'BUY', 105));
    const quote = (ts: number, bid: number, ask: number): Tick => ({
      type: 'Tick',
      symbol: SYMBOL,
      ts,
      bid,
      ask,
    });
    expect(book.match(quote(2, 95.5, 104.5))).toEqual([]);
    expect(book.match(quote(3, 94.9, 104.9))).toMatchObject([
      { clientOrderId: SELL_STOP, lastPrice: 94.9 },
    ]);
    expect(book.match(quote(4, 100, 105.1))).toMatchObject([
      { clientOrderId: BUY_STOP, lastPrice: 105.1 },
    ]);
  });

  it('fills a gapped stop at the tick price, worse than the stop, without slippage', () => {
    const sell = bookWith(1);
    sell.submit(stop(SELL_STOP, 'SELL', 95));
    expect(sell.match(tick(2, 90))).toMatchObject([{ clientOrderId: SELL_STOP, lastPrice: 90 }]);
    const buy = bookWith(-1);
    buy.submit(stop(BUY_STOP, 'BUY', 105));
    expect(buy.match(tick(2, 110))).toMatchObject([{ clientOrderId: BUY_STOP, lastPrice: 110 }]);
  });

  it('moves a gapped stop fill further against the taker with slippage', () => {
    const sell = bookWith(1, { slippageBps: 10 });
    sell.submit(stop(SELL_STOP, 'SELL', 95));
    expect(sell.match(tick(2, 90))).toMatchObject([{ lastPrice: 89.91 }]);
    const buy = bookWith(-1, { slippageBps: 10 });
    buy.submit(stop(BUY_STOP, 'BUY', 105));
    expect(buy.match(tick(2, 110))).toMatchObject([{ lastPrice: 110.11 }]);
  });

  it('fires the stops the price reached and leaves the others resting', () => {
    const book = bookWith(3);
    book.submit(stop('son0r3a', 'SELL', 95));
    book.submit(stop('son0r3b', 'SELL', 90));
    book.submit(stop('son0r3c', 'SELL', 97));
    expect(fills(book.match(tick(2, 94)))).toEqual(['son0r3a', 'son0r3c']);
    expect(book.openOrders().map((o) => o.clientOrderId)).toEqual(['son0r3b']);
    expect(fills(book.match(tick(3, 89)))).toEqual(['son0r3b']);
  });

  it('accepts a stop already through the price and fires it on the next tick', () => {
    const book = bookWith(1);
    expect(book.submit(stop(SELL_STOP, 'SELL', 95))).toMatchObject([{ execType: 'NEW' }]);
    expect(book.lookup(SELL_STOP)?.status).toBe('OPEN');
    expect(book.match(tick(2, 80))).toMatchObject([{ clientOrderId: SELL_STOP, lastPrice: 80 }]);
  });

  it('rejects a stop order without a positive stop price', () => {
    const book = bookWith(1);
    const { stopPrice: _none, ...noStop } = stop(SELL_STOP, 'SELL', 95);
    expect(book.submit(noStop)).toMatchObject([
      {
        execType: 'REJECTED',
        reason: `paper: STOP order ${SELL_STOP} needs a stopPrice > 0, got undefined`,
      },
    ]);
    expect(book.lookup(SELL_STOP)?.status).toBe('REJECTED');
    expect(book.match(tick(2, 1))).toEqual([]);
  });

  it('moves the trigger on amend: the old stop price no longer fires, the new one does', () => {
    const book = bookWith(1);
    book.submit(stop(SELL_STOP, 'SELL', 95, 1));
    expect(
      book.amendStop(SELL_STOP, { side: 'SELL', stopPrice: 98, quantity: 0.6, ts: 2 }),
    ).toEqual([]);
    expect(book.match(tick(3, 98.5))).toEqual([]);
    expect(book.match(tick(4, 97.5))).toMatchObject([
      { clientOrderId: SELL_STOP, lastPrice: 97.5, cumulativeQuantity: 0.6 },
    ]);
    expect(book.positions().get(SYMBOL)).toBe(0.4);
    expect(book.match(tick(5, 90))).toEqual([]);
  });

  it('moves the trigger away on amend: the old stop price no longer fires', () => {
    const book = bookWith(-1);
    book.submit(stop(BUY_STOP, 'BUY', 105));
    book.amendStop(BUY_STOP, { side: 'BUY', stopPrice: 110, quantity: 1, ts: 2 });
    expect(book.match(tick(3, 106))).toEqual([]);
    expect(book.match(tick(4, 110))).toMatchObject([{ clientOrderId: BUY_STOP, lastPrice: 110 }]);
    expect(book.match(tick(5, 120))).toEqual([]);
  });

  it('shows the stop price and size in lookup and open orders, before and after an amend', () => {
    const book = bookWith(1);
    book.submit(stop(SELL_STOP, 'SELL', 95));
    const resting = {
      clientOrderId: SELL_STOP,
      exchangeOrderId: `paper-${SELL_STOP}`,
      symbol: SYMBOL,
      side: 'SELL',
      type: 'STOP',
      status: 'OPEN',
      quantity: 1,
      filledQuantity: 0,
      averagePrice: null,
      price: null,
      stopPrice: 95,
    };
    expect(book.lookup(SELL_STOP)).toEqual(resting);
    book.amendStop(SELL_STOP, { side: 'SELL', stopPrice: 96.5, quantity: 0.5, ts: 7 });
    const amended = { ...resting, stopPrice: 96.5, quantity: 0.5, updatedAt: 7 };
    expect(book.lookup(SELL_STOP)).toEqual(amended);
    expect(book.openOrders(SYMBOL)).toEqual([amended]);
    book.match(tick(8, 96));
    expect(book.lookup(SELL_STOP)).toMatchObject({
      type: 'STOP',
      status: 'FILLED',
      stopPrice: 96.5,
      filledQuantity: 0.5,
      averagePrice: 96,
    });
  });

  it('refuses to amend an unknown, filled, cancelled or non-stop order', () => {
    const book = bookWith(2);
    const refused = (clientOrderId: string, ts: number) => [
      {
        clientOrderId,
        symbol: SYMBOL,
        ts,
        execType: 'REJECTED',
        reason: `paper: no resting stop ${clientOrderId} to amend`,
      },
    ];
    const change = (ts: number) => ({ side: 'SELL' as const, stopPrice: 90, quantity: 1, ts });
    expect(book.amendStop('son0r3nothing', change(2))).toEqual([
      { ...refused('son0r3nothing', 2)[0], symbol: '' },
    ]);
    book.submit(stop('son0r3filled', 'SELL', 95));
    book.match(tick(3, 94));
    expect(book.amendStop('son0r3filled', change(4))).toEqual(refused('son0r3filled', 4));
    book.submit(stop('son0r3cancelled', 'SELL', 93));
    book.cancel('son0r3cancelled', 5);
    expect(book.amendStop('son0r3cancelled', change(6))).toEqual(refused('son0r3cancelled', 6));
    book.submit({ ...market('limit-1', 'SELL'), type: 'LIMIT', price: 120 });
    expect(book.amendStop('limit-1', change(7))).toEqual(refused('limit-1', 7));
  });

  it('refuses an amend to a non-positive price or size and keeps the stop where it was', () => {
    const book = bookWith(1);
    book.submit(stop(SELL_STOP, 'SELL', 95));
    expect(
      book.amendStop(SELL_STOP, { side: 'SELL', stopPrice: 0, quantity: 1, ts: 2 }),
    ).toMatchObject([{ execType: 'REJECTED' }]);
    expect(book.lookup(SELL_STOP)).toMatchObject({ status: 'OPEN', stopPrice: 95 });
    expect(fills(book.match(tick(3, 95)))).toEqual([SELL_STOP]);
  });

  it('cancels a resting stop, which then never fires', () => {
    const book = bookWith(1);
    book.submit(stop(SELL_STOP, 'SELL', 95));
    expect(book.cancel(SELL_STOP, 2)).toEqual([
      {
        clientOrderId: SELL_STOP,
        symbol: SYMBOL,
        ts: 2,
        execType: 'CANCELED',
        cumulativeQuantity: 0,
      },
    ]);
    expect(book.lookup(SELL_STOP)).toMatchObject({ status: 'CANCELED', stopPrice: 95 });
    expect(book.match(tick(3, 90))).toEqual([]);
    expect(book.positions().get(SYMBOL)).toBe(1);
  });

  it('fills a stop and a waiting market order on the same tick in the order they arrived', () => {
    const stopFirst = bookWith(1);
    stopFirst.submit(stop(SELL_STOP, 'SELL', 95, 1, 1));
    stopFirst.submit(market('market-1', 'BUY', 2));
    expect(fills(stopFirst.match(tick(3, 94)))).toEqual([SELL_STOP, 'market-1']);

    const marketFirst = bookWith(1);
    marketFirst.submit(market('market-1', 'BUY', 1));
    marketFirst.submit(stop(SELL_STOP, 'SELL', 95, 1, 2));
    expect(fills(marketFirst.match(tick(3, 94)))).toEqual(['market-1', SELL_STOP]);
  });

  it('puts an amended stop behind orders received before the amendment', () => {
    const book = bookWith(1);
    book.submit(stop(SELL_STOP, 'SELL', 95, 1, 1));
    book.submit(market('market-1', 'BUY', 2));
    book.amendStop(SELL_STOP, { side: 'SELL', stopPrice: 96, quantity: 1, ts: 3 });
    expect(fills(book.match(tick(4, 94)))).toEqual(['market-1', SELL_STOP]);
  });

  it('moves the position when a stop fills', () => {
    const long = bookWith(2);
    long.submit(stop(SELL_STOP, 'SELL', 95, 2));
    long.match(tick(2, 95));
    expect(long.positions().get(SYMBOL)).toBe(0);
    const short = bookWith(-1.5);
    short.submit(stop(BUY_STOP, 'BUY', 105, 1.5));
    short.match(tick(2, 106));
    expect(short.positions().get(SYMBOL)).toBe(0);
  });

  it('accepts and fires stops inside a rejectMarketOrders window, which refuses market orders', () => {
    const book = bookWith(1, { rejectMarketOrders: [{ from: 0, to: 100 }] });
    expect(book.submit(stop(SELL_STOP, 'SELL', 95, 1, 10))).toMatchObject([{ execType: 'NEW' }]);
    expect(book.submit(market('market-1', 'SELL', 11))).toMatchObject([{ execType: 'REJECTED' }]);
    expect(book.match(tick(12, 94))).toMatchObject([
      { clientOrderId: SELL_STOP, execType: 'TRADE', lastPrice: 94 },
    ]);
    expect(book.positions().get(SYMBOL)).toBe(0);
  });
});

describe('paper exchange: native stops on the port', () => {
  it('keeps native stops by amending them unless told otherwise', async () => {
    await expect(getPaperExchange().nativeStops?.(SYMBOL)).resolves.toEqual({ mode: 'AMEND' });
    await expect(
      getPaperExchange({ nativeStops: 'REPLACE' }).nativeStops?.(SYMBOL),
    ).resolves.toEqual({ mode: 'REPLACE' });
    await expect(getPaperExchange({ nativeStops: 'OFF' }).nativeStops?.(SYMBOL)).resolves.toEqual({
      mode: 'OFF',
      reason: 'paper: native stops turned off (option nativeStops)',
    });
  });

  it('amends a resting stop through the port, and fires it on the tick the engine hands it', async () => {
    const exchange = getPaperExchange();
    exchange.restorePositions?.([{ symbol: SYMBOL, quantity: 1 }]);
    expect(await exchange.place(stop(SELL_STOP, 'SELL', 95))).toMatchObject({
      _tag: 'Right',
      right: { status: 'OPEN', stopPrice: 95 },
    });
    const moved = await exchange.amendStop?.(SELL_STOP, SYMBOL, {
      side: 'SELL',
      stopPrice: 97,
      quantity: 1,
      ts: 3,
    });
    expect(moved).toMatchObject({ _tag: 'Right', right: { stopPrice: 97, status: 'OPEN' } });
    expect(exchange.matchTick?.(tick(4, 96.5))).toMatchObject([
      { clientOrderId: SELL_STOP, lastPrice: 96.5 },
    ]);
    expect(await exchange.positions()).toEqual({
      _tag: 'Right',
      right: [{ symbol: SYMBOL, quantity: 0 }],
    });
    expect(await exchange.openOrders()).toEqual({ _tag: 'Right', right: [] });
  });

  it('answers an amend of an order that no longer rests with an error, not a report', async () => {
    const exchange = getPaperExchange();
    const published: unknown[] = [];
    exchange.reports$.subscribe((r) => published.push(r));
    const change = { side: 'SELL' as const, stopPrice: 90, quantity: 1, ts: 2 };
    await expect(exchange.amendStop?.('son0r3nothing', SYMBOL, change)).resolves.toMatchObject({
      _tag: 'Left',
      left: { code: 'NOT_FOUND' },
    });
    await exchange.place(stop(SELL_STOP, 'SELL', 95));
    await exchange.cancel(SELL_STOP, SYMBOL);
    await expect(exchange.amendStop?.(SELL_STOP, SYMBOL, change)).resolves.toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: `paper: no resting stop ${SELL_STOP} to amend` },
    });
    // Every answer is the request's own: nothing is published besides.
    expect(published).toEqual([]);
  });
});
