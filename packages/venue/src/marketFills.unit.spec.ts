import { NO_FEES, workingOrder, type Tick, type WorkingOrder } from '@smart-orders/core';
import { createMarketFills } from './marketFills';

const T0 = 1_700_000_000_000;
const tick = (s: number, fields: Omit<Tick, 'type' | 'symbol' | 'ts'>): Tick => ({
  type: 'Tick',
  symbol: 'BTCUSDT',
  ts: T0 + s * 1000,
  ...fields,
});
const buy = (id: string, quantity: number, filledQuantity = 0): WorkingOrder => ({
  ...workingOrder({
    clientOrderId: id,
    symbol: 'BTC/USDT',
    side: 'BUY',
    type: 'MARKET',
    quantity,
    reduceOnly: false,
    sentAt: T0,
  }),
  filledQuantity,
});
const always = () => true;

describe('a market’s fills through the core fill model', () => {
  it('plays a tick under the market’s own symbol and shares its print between the orders offered to it', () => {
    const fills = createMarketFills('BTC/USDT', { fees: NO_FEES });
    expect(fills.current()).toBeNull();
    expect(fills.fill(buy('a', 1), always)).toBeNull();
    expect(fills.play(tick(0, { price: 100, quantity: 0.5 }))).toEqual(
      expect.objectContaining({ symbol: 'BTC/USDT', price: 100 }),
    );
    expect(fills.fill(buy('a', 0.3), always)).toEqual(
      expect.objectContaining({ clientOrderId: 'a', quantity: 0.3, complete: true }),
    );
    expect(fills.fill(buy('b', 1), always)).toEqual(
      expect.objectContaining({ clientOrderId: 'b', quantity: 0.2, cumulativeQuantity: 0.2 }),
    );
    expect(fills.fill(buy('c', 1), always)).toBeNull();
    // A new tick, a new print: what is left of b fills on it.
    fills.play(tick(1, { price: 101, quantity: 5 }));
    expect(fills.fill(buy('b', 1, 0.2), always)).toEqual(
      expect.objectContaining({ price: 101, quantity: 0.8, cumulativeQuantity: 1, complete: true }),
    );
  });

  it('spends nothing of the print for a fill its caller refuses', () => {
    const fills = createMarketFills('BTC/USDT', { fees: NO_FEES });
    fills.play(tick(0, { price: 100, quantity: 0.5 }));
    expect(fills.fill(buy('a', 0.4), () => false)).toBeNull();
    expect(fills.fill(buy('b', 0.5), always)).toEqual(expect.objectContaining({ quantity: 0.5 }));
  });

  it('charges the schedule’s fee in the asset it says, the default 10 bps of a buy in the base asset', () => {
    const fills = createMarketFills('BTC/USDT', {});
    fills.play(tick(0, { price: 100 }));
    expect(fills.fill(buy('a', 2), always)?.fee).toEqual({ amount: 0.002, asset: 'BTC' });
    const perp = createMarketFills('BTC/USDT:USDT', {});
    perp.play(tick(0, { price: 100 }));
    expect(perp.fill({ ...buy('p', 2), symbol: 'BTC/USDT:USDT' }, always)?.fee).toEqual({
      amount: 0.2,
      asset: 'USDT',
    });
  });

  it('with maxDeviationBps, a print far from the median does not act and leaves the current tick as it was', () => {
    const fills = createMarketFills('BTC/USDT', { fees: NO_FEES, maxDeviationBps: 50 });
    fills.play(tick(0, { price: 100 }));
    expect(fills.play(tick(1, { price: 103 }))).toBeNull();
    expect(fills.current()).toEqual(expect.objectContaining({ price: 100 }));
    expect(fills.fill(buy('a', 1), always)).toEqual(expect.objectContaining({ price: 100 }));
  });

  it('says whether the current tick crosses a limit at the price a taker would fill at', () => {
    const fills = createMarketFills('BTC/USDT', { fees: NO_FEES });
    fills.play(tick(0, { bid: 99, ask: 101 }));
    expect(fills.crosses('BUY', 101)).toBe(true);
    expect(fills.crosses('BUY', 100.99)).toBe(false);
    expect(fills.crosses('SELL', 99)).toBe(true);
    expect(fills.crosses('SELL', 99.01)).toBe(false);
  });
});
