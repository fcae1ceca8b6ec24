import { firstValueFrom, Subject, take, toArray } from 'rxjs';
import { CCXT_EXCHANGE_IDS } from './exchangeIds';
import { redactSecrets } from './redactSecrets';
import { timeout, type RecordedRequest } from './testing/fakeHttp';
import { credentialsFor, testVenue } from './testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';

describe('redactSecrets', () => {
  it('removes credentials, URL-encoded ones too, query strings and bearer tokens', () => {
    const message =
      'binance POST https://api.binance.com/api/v3/order?timestamp=1&signature=9f8e7d 400 {"apiKey":"AK1234","echo":"S3CR%2FT and S3CR/T"} Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const redacted = redactSecrets(message, ['AK1234', 'S3CR/T']);
    expect(redacted).not.toMatch(/AK1234|S3CR|9f8e7d|eyJ/);
    expect(redacted).toContain('https://api.binance.com/api/v3/order?[redacted]');
  });
});

describe('credentials never leave the adapter', () => {
  it.each(CCXT_EXCHANGE_IDS)(
    '%s: errors of every operation are free of the key, secret and passphrase',
    async (exchangeId) => {
      const credentials = credentialsFor(exchangeId);
      // A venue that echoes what it was sent, with the signed URL: the worst case for a message.
      const echo = (r: RecordedRequest) => ({
        status: 500,
        body: `{"error":"cannot process ${r.url.href} for ${credentials.apiKey} ${credentials.secret} ${credentials.password ?? ''} ${r.headers['authorization'] ?? ''}"}`,
      });
      const { exchange } = testVenue(exchangeId, [{ path: /.*/, answers: [echo] }]);
      const events = new Subject<unknown>();
      exchange.connection$.subscribe(events);
      const perp =
        exchangeId === 'binance' ||
        exchangeId === 'bybit' ||
        exchangeId === 'okx' ||
        exchangeId === 'gate' ||
        exchangeId === 'bitget';
      const results = [
        await exchange.place({
          clientOrderId: cid,
          orderId: 'o-1',
          symbol: 'BTC/USDT',
          side: 'BUY',
          type: 'LIMIT',
          quantity: 0.01,
          price: 50000,
          reduceOnly: false,
          ts: 1,
        }),
        await exchange.lookup(cid, 'BTC/USDT'),
        await exchange.cancel(cid, 'BTC/USDT'),
        await exchange.openOrders('BTC/USDT'),
        await exchange.balances(),
        ...(perp ? [await exchange.positions()] : []),
      ];
      const text = JSON.stringify(results);
      expect(results.every((r) => r._tag === 'Left')).toBe(true);
      for (const secret of Object.values(credentials)) {
        for (const part of String(secret)
          .split('\n')
          .filter((line) => line.length > 8 && !line.startsWith('-----'))) {
          expect(text).not.toContain(part);
        }
      }
      expect(text).not.toMatch(/signature=|Bearer ey/);
    },
  );

  it('keeps stream failures free of credentials too', async () => {
    const credentials = credentialsFor('binance');
    const { exchange } = testVenue(
      'binance',
      [
        {
          method: 'GET',
          path: '/api/v3/order',
          answers: [{ status: 400, body: { code: -2013, msg: 'Order does not exist.' } }],
        },
        { method: 'GET', path: '/api/v3/account', answers: [{ body: { balances: [] } }] },
        { method: 'POST', path: '/api/v3/order', answers: [timeout()] },
        { path: /.*/, answers: [{ body: [] }] },
      ],
      {
        ccxtOptions: {
          watchOrders: async () =>
            Promise.reject(new Error(`ws closed for ${credentials.apiKey} ${credentials.secret}`)),
        },
      },
    );
    const failures = firstValueFrom(exchange.connection$.pipe(take(2), toArray()));
    exchange.reports$.subscribe();
    await exchange.place({
      clientOrderId: cid,
      orderId: 'o-1',
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: 0.01,
      price: 50000,
      reduceOnly: false,
      ts: 1,
    });
    const text = JSON.stringify(await failures);
    await exchange.close();
    expect(text).toContain('STREAM_FAILED');
    expect(text).not.toContain(credentials.apiKey);
    expect(text).not.toContain(credentials.secret);
  });
});
