import type { Tick } from '@smart-orders/core';
import { createPriceHistory } from './priceHistory';

const tick = (ts: number, price: number, symbol = 'ETH/USDT'): Tick => ({
  type: 'Tick',
  symbol,
  ts,
  price,
});

describe('the price history', () => {
  it('keeps the low and the high of each second, in time order, and drains each completed second once', () => {
    const history = createPriceHistory();
    [
      tick(1_000, 10),
      tick(1_200, 12),
      tick(1_500, 9),
      tick(1_900, 11),
      tick(2_100, 20),
      tick(3_000, 5),
    ].forEach(history.record);
    expect(history.read('ETH/USDT', 0, 100)).toEqual([
      { ts: 1_200, price: 12 },
      { ts: 1_500, price: 9 },
      { ts: 2_100, price: 20 },
      { ts: 3_000, price: 5 },
    ]);
    expect(history.drain()).toEqual({
      'ETH/USDT': [
        { ts: 1_200, price: 12 },
        { ts: 1_500, price: 9 },
        { ts: 2_100, price: 20 },
      ],
    });
    expect(history.drain()).toEqual({});
    expect(history.read('ETH/USDT', 2_000, 100)).toEqual([
      { ts: 2_100, price: 20 },
      { ts: 3_000, price: 5 },
    ]);
    expect(history.read('BTC/USDT', 0, 100)).toEqual([]);
  });

  it('thins a long read to about the points asked for and keeps every spike', () => {
    const history = createPriceHistory();
    for (let s = 0; s < 1_000; s++) history.record(tick(s * 1_000, s === 500 ? 1 : 100 + (s % 7)));
    const points = history.read('ETH/USDT', 0, 100);
    expect(points.length).toBeLessThanOrEqual(110);
    expect(Math.min(...points.map((p) => p.price))).toBe(1);
    expect(points.every((p, i) => i === 0 || p.ts >= (points[i - 1] as { ts: number }).ts)).toBe(
      true,
    );
  });

  it('forgets the oldest points beyond its capacity', () => {
    const history = createPriceHistory(1_000, 10);
    for (let s = 0; s < 30; s++) history.record(tick(s * 1_000, s));
    const points = history.read('ETH/USDT', 0, 100);
    expect(points.length).toBe(11);
    expect(points[0]?.ts).toBe(19_000);
  });
});
