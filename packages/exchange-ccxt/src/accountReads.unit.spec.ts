import { MARKETS } from './testing/markets';
import { testVenue } from './testing/testVenue';

describe('positions', () => {
  it('are none, without a request, on a venue loaded with spot markets only', async () => {
    const spotOnly = MARKETS.binance.filter((m) => m.contract !== true);
    const { exchange, http } = testVenue('binance', [], { markets: spotOnly });
    expect(await exchange.positions()).toEqual({ _tag: 'Right', right: [] });
    expect(http.requests.filter((r) => /position/i.test(r.url.pathname))).toEqual([]);
  });

  it('are read from the exchange when a derivative market is loaded', async () => {
    const { exchange, http } = testVenue('binance', [
      { path: /positionRisk|account/, answers: [() => ({ status: 200, body: '[]' })] },
    ]);
    await exchange.positions();
    expect(http.requests.some((r) => /fapi|position/i.test(r.url.href))).toBe(true);
  });
});
