import { pro } from 'ccxt';
import { createCcxtBinanceForVenue, pointCcxtAtVenue } from './ccxtForVenue';

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : typeof value === 'object' && value !== null
      ? Object.values(value).flatMap(strings)
      : [];

describe('pointCcxtAtVenue', () => {
  it('moves every REST and WebSocket URL to the venue, keeping the paths ccxt builds on', () => {
    const exchange = pointCcxtAtVenue(new pro.binance(), 'http://127.0.0.1:4100/');
    const urls = [...strings(exchange.urls['api']), ...strings(exchange.urls['test'])];
    expect(
      urls.filter(
        (u) => !u.startsWith('http://127.0.0.1:4100') && !u.startsWith('ws://127.0.0.1:4100'),
      ),
    ).toEqual([]);
    const api = exchange.urls['api'] as Record<string, unknown> & { ws: Record<string, unknown> };
    expect(api['public']).toBe('http://127.0.0.1:4100/api/v3');
    expect(api['private']).toBe('http://127.0.0.1:4100/api/v3');
    expect(api.ws['spot']).toBe('ws://127.0.0.1:4100/ws');
    expect((api.ws['ws-api'] as Record<string, unknown>)['spot']).toBe(
      'ws://127.0.0.1:4100/ws-api/v3',
    );
  });

  it('turns off the calls the venue does not emulate', () => {
    const exchange = createCcxtBinanceForVenue('http://127.0.0.1:4100', 'k', 's');
    expect(exchange.options).toEqual(
      expect.objectContaining({
        fetchCurrencies: false,
        fetchMargins: false,
        fetchMarkets: { types: ['spot'], loadAllOptions: false },
        adjustForTimeDifference: false,
        defaultType: 'spot',
      }),
    );
    expect(exchange.apiKey).toBe('k');
    expect(exchange.httpAgent).toBeDefined();
  });
});
