import { setFlagsFromString } from 'node:v8';
import type { OrderRequest } from '@smart-orders/engine';
import { createPaperBook } from './paperBook';

// V8's own test of two objects' hidden classes, compiled once its syntax is allowed.
setFlagsFromString('--allow-natives-syntax');
const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean;

// The book keeps a record of every order it was sent, for as long as it lives: a backtest of
// a million orders keeps a million. Records given a class each held 370 bytes more apiece.
const SYMBOL = 'ETH/USDT';

const request = (i: number, type: 'MARKET' | 'LIMIT'): OrderRequest => ({
  clientOrderId: `sos0r1shape${String(i).padStart(12, '0')}`,
  orderId: `o-${i}`,
  symbol: SYMBOL,
  side: 'BUY',
  type,
  quantity: 0.5,
  ...(type === 'LIMIT' ? { price: 2_000 } : {}),
  reduceOnly: false,
  ts: 10 + i,
});

describe("the paper book's order records", () => {
  it('keep one hidden class for orders in the same state, however they got there', () => {
    const book = createPaperBook();
    const ids = (type: 'MARKET' | 'LIMIT', from: number) =>
      Array.from({ length: 20 }, (_, k) => {
        const r = request(from + k, type);
        book.submit(r);
        return r.clientOrderId;
      });
    const filled = ids('MARKET', 0);
    const cancelled = ids('LIMIT', 100);
    book.match({ type: 'Tick', symbol: SYMBOL, ts: 500, price: 2_500, quantity: 100 });
    for (const [k, id] of cancelled.entries()) book.cancel(id, 600 + k);
    for (const group of [filled, cancelled]) {
      const records = group.map((id) => book.lookup(id) as object);
      expect(records.every((r) => r !== null)).toBe(true);
      for (const r of records) expect(sameHiddenClass(r, records[0] as object)).toBe(true);
    }
  });
});
