import { ccxt } from './ccxtModule';
import { pointUrlsAt } from './pointAtUrl';

describe('pointing ccxt at a local venue', () => {
  it('moves every REST and WebSocket URL of binance to the local origin, keeping paths', () => {
    const urls = pointUrlsAt(
      new ccxt.pro.binance().urls['api'],
      new URL('http://127.0.0.1:9000'),
    ) as Record<string, unknown>;
    const all = JSON.stringify(urls).match(/"(https?|wss?):\/\/[^"]+"/g) ?? [];
    expect(all.length).toBeGreaterThan(10);
    expect(
      all.every(
        (u) => u.startsWith('"http://127.0.0.1:9000') || u.startsWith('"ws://127.0.0.1:9000'),
      ),
    ).toBe(true);
    expect(urls['public']).toBe('http://127.0.0.1:9000/api/v3');
    expect((urls['ws'] as Record<string, unknown>)['spot']).toBe('ws://127.0.0.1:9000/ws');
  });

  it('uses secure schemes for an https venue and replaces templated hosts', () => {
    expect(
      pointUrlsAt(
        { rest: 'https://api.{hostname}/v5', ws: 'wss://stream.{hostname}/v5/private' },
        new URL('https://venue.test:8443'),
      ),
    ).toEqual({
      rest: 'https://venue.test:8443/v5',
      ws: 'wss://venue.test:8443/v5/private',
    });
  });
});
