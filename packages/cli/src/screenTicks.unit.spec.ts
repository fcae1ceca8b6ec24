import type { Tick } from '@smart-orders/core';
import { screenTicks } from './screenTicks';

const trade = (ts: number, price: number, more: Partial<Tick> = {}): Tick => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts,
  price,
  ...more,
});

describe('prints not acted on in a replay (SEMANTICS §9.4)', () => {
  // The usdm recording's shape: a calm book, then one insurance-fund print 2 % above it.
  const calm = Array.from({ length: 60 }, (_, i) => trade(i, 28150 + (i % 3) * 0.1));
  const spike = trade(60, 28722.5, { quantity: 0.001 });

  it('drops the spike beyond maxDeviationBps, keeps every other print', () => {
    const s = screenTicks([...calm, spike, trade(61, 28150)], 50);
    expect(s).toMatchObject({ offMarket: 0, deviating: 1 });
    expect(s.ticks).toHaveLength(61);
    expect(s.ticks.some((t) => t.price === 28722.5)).toBe(false);
  });

  it('keeps every print without the filter, but never one the recording flags', () => {
    const s = screenTicks([...calm, spike, trade(61, 28150, { offMarket: true })], undefined);
    expect(s).toMatchObject({ offMarket: 1, deviating: 0 });
    expect(s.ticks).toHaveLength(61);
  });

  it('hands a recording with no flagged print on as it is, without a copy', () => {
    const ticks = [...calm, spike];
    const s = screenTicks(ticks, undefined);
    expect(s).toEqual({ ticks, offMarket: 0, deviating: 0 });
    expect(s.ticks).toBe(ticks);
  });
});
