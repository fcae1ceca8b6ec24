import type { Tick } from '../commands/tick';
import { EMPTY_PRINT_HISTORY, medianOf, screenPrint, type PrintHistory } from './printScreen';

const trade = (price: number, over: Partial<Tick> = {}): Tick => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: 1,
  price,
  ...over,
});

const after = (prices: readonly number[]): PrintHistory =>
  prices.reduce((h, p) => screenPrint(h, trade(p), undefined).history, EMPTY_PRINT_HISTORY);

describe('prints that are not the market (SEMANTICS §9.4)', () => {
  it('takes the median, the mean of the middle two with an even count', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([0.1, 0.2])).toBe(0.15);
  });

  it('ignores a print further than maxDeviationBps from the median of the previous ones', () => {
    const h = after(Array.from({ length: 50 }, () => 28150));
    const spike = screenPrint(h, trade(28722.5), 50);
    expect(spike.verdict).toEqual({ kind: 'DEVIATES', median: 28150, deviationBps: 203.37 });
    expect(spike.tick).toBeNull();
    expect(screenPrint(h, trade(28290), 50).verdict).toEqual({ kind: 'MARKET' });
  });

  it('is off by default: every price stands', () => {
    const h = after([100, 100, 100]);
    expect(screenPrint(h, trade(1000), undefined).tick).toEqual(trade(1000));
  });

  it('accepts a real move once it lasts: deviating prints enter the window too', () => {
    let h = after(Array.from({ length: 50 }, () => 100));
    const verdicts: string[] = [];
    for (let i = 0; i < 30; i++) {
      const s = screenPrint(h, trade(110), 100);
      verdicts.push(s.verdict.kind);
      h = s.history;
    }
    // The median moves once 26 of the previous 50 prints are at the new price.
    expect(verdicts.indexOf('MARKET')).toBe(26);
    expect(h['BTC/USDT']).toHaveLength(50);
  });

  it('never acts on a print the recording flags as off-market, nor counts it', () => {
    const h = after([100, 100]);
    const s = screenPrint(h, trade(100, { offMarket: true }), undefined);
    expect(s).toEqual({ history: h, verdict: { kind: 'OFF_MARKET' }, tick: null });
  });

  it('keeps the quotes of a tick whose trade price deviates', () => {
    const h = after(Array.from({ length: 10 }, () => 100));
    const s = screenPrint(h, trade(150, { bid: 99.9, ask: 100.1, quantity: 1 }), 100);
    expect(s.tick).toEqual({ type: 'Tick', symbol: 'BTC/USDT', ts: 1, bid: 99.9, ask: 100.1 });
  });

  it('lets the first print of a symbol stand, and quote ticks pass untouched', () => {
    expect(screenPrint(EMPTY_PRINT_HISTORY, trade(5), 1).verdict.kind).toBe('MARKET');
    const quote: Tick = { type: 'Tick', symbol: 'BTC/USDT', ts: 1, bid: 1, ask: 2 };
    expect(screenPrint(after([100]), quote, 1)).toEqual({
      history: after([100]),
      verdict: { kind: 'MARKET' },
      tick: quote,
    });
  });
});
