import { feeOf, type FeeInput } from './fee';
import { DEFAULT_FEE_SCHEDULE, NO_FEES, type FeeSchedule } from './feeSchedule';
import { marketAssets } from './marketAssets';

const fill = (over: Partial<FeeInput> = {}): FeeInput => ({
  symbol: 'BTC/USDT',
  side: 'BUY',
  reduceOnly: false,
  liquidity: 'TAKER',
  price: 100,
  quantity: 1,
  ...over,
});

describe('the fee of one fill (SEMANTICS §9.4)', () => {
  it('charges a buy that opens a long in the base asset it receives, by default', () => {
    expect(feeOf(DEFAULT_FEE_SCHEDULE, fill())).toEqual({ amount: 0.001, asset: 'BTC' });
  });

  it('charges sells and the buys that close a short in the quote asset', () => {
    expect(feeOf(DEFAULT_FEE_SCHEDULE, fill({ side: 'SELL' }))).toEqual({
      amount: 0.1,
      asset: 'USDT',
    });
    expect(feeOf(DEFAULT_FEE_SCHEDULE, fill({ reduceOnly: true }))).toEqual({
      amount: 0.1,
      asset: 'USDT',
    });
  });

  it('charges every fill in the quote asset with asset QUOTE', () => {
    const quote: FeeSchedule = { makerBps: 2, takerBps: 5, asset: 'QUOTE' };
    expect(feeOf(quote, fill())).toEqual({ amount: 0.05, asset: 'USDT' });
    expect(feeOf(quote, fill({ liquidity: 'MAKER' }))).toEqual({ amount: 0.02, asset: 'USDT' });
  });

  it('is exact, not rounded: 0.1 × 3 at 10 bps is 0.0003, not a float near it', () => {
    expect(feeOf(DEFAULT_FEE_SCHEDULE, fill({ side: 'SELL', price: 3, quantity: 0.1 }))).toEqual({
      amount: 0.0003,
      asset: 'USDT',
    });
    expect(
      feeOf(DEFAULT_FEE_SCHEDULE, fill({ side: 'SELL', price: 28155.1, quantity: 0.012 })),
    ).toEqual({ amount: 0.3378612, asset: 'USDT' });
  });

  it('charges a contract in its settlement asset: a futures long receives no coin', () => {
    expect(feeOf(DEFAULT_FEE_SCHEDULE, fill({ symbol: 'BTC/USDT:USDT' }))).toEqual({
      amount: 0.1,
      asset: 'USDT',
    });
  });

  it('charges nothing with --fees 0', () => {
    expect(feeOf(NO_FEES, fill()).amount).toBe(0);
  });

  it('reads the assets of a ccxt symbol', () => {
    expect(marketAssets('ETH/BTC')).toEqual({ base: 'ETH', quote: 'BTC' });
    expect(marketAssets('BTC/USDT:USDT')).toEqual({ base: 'BTC', quote: 'USDT', settle: 'USDT' });
  });
});
