import { suggestSymbol, symbolProblem } from './tickSymbol';

describe('tick symbols', () => {
  it.each([
    ['BTCUSDT', 'BTC/USDT'],
    ['ethusdt', 'ETH/USDT'],
    ['BTCUSD', 'BTC/USD'],
    ['ETHBTC', 'ETH/BTC'],
    ['BTC-USDT', 'BTC/USDT'],
    ['XYZ', 'BASE/QUOTE'],
  ])('suggests %s → %s', (venue, ccxt) => {
    expect(suggestSymbol(venue)).toBe(ccxt);
  });

  it('accepts ccxt symbols and explains venue ones', () => {
    expect(symbolProblem('BTC/USDT')).toBeNull();
    expect(symbolProblem('BTC/USDT:USDT')).toBeNull();
    expect(symbolProblem('BTCUSDT')).toBe(
      'must be a ccxt symbol like "BTC/USDT", got "BTCUSDT"; pass --symbol BTC/USDT',
    );
  });
});
