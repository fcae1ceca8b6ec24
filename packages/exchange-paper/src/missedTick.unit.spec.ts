import type { Tick } from '@smart-orders/core';
import type { OrderRequest } from '@smart-orders/engine';
import { createPaperBook } from './paperBook';

// A market exit is sent in answer to the tick that triggered it and takes what that tick's
// print has left. One that comes to the book after a later tick (an exit sent again after a
// restart, which had met its tick, and every tick since, in the book that died) has missed its
// tick: it waits for the next print, as it did, and never fills whole at its trigger price.
const SYMBOL = 'ETH/USDT';
const FIRST = 'sos0r1missedtick0000001';
const SECOND = 'sos0r1missedtick0000002';

const print = (ts: number, price: number, quantity: number): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
  quantity,
});

const exit = (clientOrderId: string, ts: number, triggerPrice: number): OrderRequest => ({
  clientOrderId,
  orderId: clientOrderId,
  symbol: SYMBOL,
  side: 'SELL',
  type: 'MARKET',
  quantity: 1,
  reduceOnly: true,
  triggerPrice,
  stepSize: 0.0001,
  ts,
});

const sizeLimited = () => createPaperBook({ fills: { sizeLimits: true } });

const trades = (reports: readonly { execType: string }[]) =>
  reports
    .filter((r) => r.execType === 'TRADE')
    .map((r) => {
      const { clientOrderId, ts, lastPrice, lastQuantity } = r as unknown as Record<
        string,
        unknown
      >;
      return { clientOrderId, ts, lastPrice, lastQuantity };
    });

describe('a market exit sent in answer to a tick the book has passed', () => {
  it('waits for the next print and takes at most its size, not the whole at its trigger price', () => {
    const book = sizeLimited();
    book.match(print(20, 2682.3, 0.05));
    expect(book.submit(exit(FIRST, 10, 2682.5))).toEqual([]);
    expect(trades(book.match(print(30, 2682.2, 0.3)))).toEqual([
      { clientOrderId: FIRST, ts: 30, lastPrice: 2682.2, lastQuantity: 0.3 },
    ]);
  });

  it('queues behind an exit sent before it, as the book that died had it', () => {
    const book = sizeLimited();
    book.match(print(20, 2682.3, 0.05));
    book.submit(exit(SECOND, 5, 2683));
    book.submit(exit(FIRST, 10, 2682.5));
    expect(trades(book.match(print(30, 2682.2, 1.2)))).toEqual([
      { clientOrderId: SECOND, ts: 30, lastPrice: 2682.2, lastQuantity: 1 },
      { clientOrderId: FIRST, ts: 30, lastPrice: 2682.2, lastQuantity: 0.2 },
    ]);
  });

  it('still answers a tick of its own time with what the print has left', () => {
    const book = sizeLimited();
    book.match(print(20, 2682.3, 0.4));
    expect(trades(book.submit(exit(FIRST, 20, 2682.3)))).toEqual([
      { clientOrderId: FIRST, ts: 20, lastPrice: 2682.3, lastQuantity: 0.4 },
    ]);
  });

  it('with no tick seen yet, fills at its trigger price, as a book started on it always has', () => {
    const book = sizeLimited();
    expect(trades(book.submit(exit(FIRST, 20, 2682.3)))).toEqual([
      { clientOrderId: FIRST, ts: 20, lastPrice: 2682.3, lastQuantity: 1 },
    ]);
  });
});
