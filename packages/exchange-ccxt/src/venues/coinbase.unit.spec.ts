import { bodyOf, queryOf } from '../testing/fakeHttp';
import { testVenue } from '../testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
const now = 1_700_000_000_000;
const limitBuy = {
  clientOrderId: cid,
  orderId: 'o-1',
  symbol: 'BTC/USDT',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  quantity: 0.0123456,
  price: 50000.123,
  reduceOnly: false,
  ts: now,
};
const orderId = '52cfe5e2-0b29-4c19-a245-a6a773de5030';
const created = {
  success: true,
  failure_reason: 'UNKNOWN_FAILURE_REASON',
  order_id: orderId,
  success_response: {
    order_id: orderId,
    product_id: 'BTC-USDT',
    side: 'BUY',
    client_order_id: cid,
  },
};
const historical = (status: string, filled: string) => ({
  order_id: orderId,
  product_id: 'BTC-USDT',
  user_id: '11111111-1111-1111-1111-111111111111',
  order_configuration: {
    limit_limit_gtc: { base_size: '0.0123456', limit_price: '50000.12', post_only: false },
  },
  side: 'BUY',
  client_order_id: cid,
  status,
  time_in_force: 'GOOD_UNTIL_CANCELLED',
  created_time: '2023-11-14T22:13:20.100Z',
  completion_percentage: filled === '0' ? '0' : '100',
  filled_size: filled,
  average_filled_price: filled === '0' ? '0' : '50000.12',
  number_of_fills: filled === '0' ? '0' : '1',
  filled_value: filled === '0' ? '0' : '617.28',
  pending_cancel: false,
  size_in_quote: false,
  order_type: 'LIMIT',
  reject_reason: '',
  settled: filled !== '0',
  product_type: 'SPOT',
});
const page = (orders: unknown[]) => ({ orders, sequence: '0', has_next: false, cursor: '' });
const batch = '/api/v3/brokerage/orders/historical/batch';

describe('coinbase through ccxt', () => {
  it('sends our client_order_id (ccxt would replace it with its own ccxt-<uuid>) with a JWT that expires in 120 s', async () => {
    const { http, exchange } = testVenue('coinbase', [
      { method: 'POST', path: '/api/v3/brokerage/orders', answers: [{ body: created }] },
    ]);
    const placed = await exchange.place(limitBuy);
    const [sent] = http.to('POST', '/api/v3/brokerage/orders');
    expect(JSON.parse(sent!.body!)).toEqual({
      client_order_id: cid,
      product_id: 'BTC-USDT',
      side: 'BUY',
      order_configuration: {
        limit_limit_gtc: { base_size: '0.0123456', limit_price: '50000.12', post_only: false },
      },
    });
    const jwt = sent!.headers['authorization']!.replace('Bearer ', '');
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as {
      nbf: number;
      exp: number;
    };
    expect(claims.exp - claims.nbf).toBe(120);
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: cid, exchangeOrderId: orderId }),
    });
  });

  it('sends a market buy as a marketable limit IOC sized in base (coinbase sizes market buys in quote)', async () => {
    const { http, exchange } = testVenue('coinbase', [
      { method: 'POST', path: '/api/v3/brokerage/orders', answers: [{ body: created }] },
    ]);
    await exchange.place({ ...limitBuy, type: 'MARKET', price: undefined, triggerPrice: 50000 });
    expect(bodyOf(http.to('POST', '/api/v3/brokerage/orders')[0]!)['order_configuration']).toEqual({
      sor_limit_ioc: { base_size: '0.0123456', limit_price: '50500' },
    });
  });

  it('looks up by scanning open orders, then all orders since the intent (coinbase has no lookup by client id)', async () => {
    const { http, exchange } = testVenue(
      'coinbase',
      [
        {
          method: 'GET',
          path: batch,
          answers: [
            (r) => ({
              body: page(
                r.url.searchParams.get('order_status') === 'OPEN'
                  ? []
                  : [historical('FILLED', '0.0123456')],
              ),
            }),
          ],
        },
      ],
      { now: () => now + 60_000 },
    );
    const found = await exchange.lookup(cid, 'BTC/USDT', now);
    const [open, all] = http.to('GET', batch);
    expect(queryOf(open!)).toEqual(
      expect.objectContaining({ order_status: 'OPEN', product_id: 'BTC-USDT' }),
    );
    expect(queryOf(all!)).toEqual(
      expect.objectContaining({ product_id: 'BTC-USDT', start_date: new Date(now).toISOString() }),
    );
    expect(http.requests.some((r) => r.url.pathname.endsWith('/undefined'))).toBe(false);
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: orderId,
        status: 'FILLED',
        filledQuantity: 0.0123456,
      }),
    });
  });

  it('answers null when the complete scan holds no such client_order_id', async () => {
    const { exchange } = testVenue(
      'coinbase',
      [
        {
          method: 'GET',
          path: batch,
          answers: [
            { body: page([{ ...historical('FILLED', '0.01'), client_order_id: 'someone-else' }]) },
          ],
        },
      ],
      { now: () => now + 60_000 },
    );
    expect(await exchange.lookup(cid, 'BTC/USDT', now)).toEqual({ _tag: 'Right', right: null });
  });

  it('cancels by the order id it finds for the client order id', async () => {
    const { http, exchange } = testVenue(
      'coinbase',
      [
        {
          method: 'GET',
          path: batch,
          answers: [
            { body: page([historical('OPEN', '0')]) },
            { body: page([historical('CANCELLED', '0')]) },
          ],
        },
        {
          method: 'POST',
          path: '/api/v3/brokerage/orders/batch_cancel',
          answers: [
            {
              body: {
                results: [
                  {
                    success: true,
                    failure_reason: 'UNKNOWN_CANCEL_FAILURE_REASON',
                    order_id: orderId,
                  },
                ],
              },
            },
          ],
        },
      ],
      { now: () => now + 60_000 },
    );
    const cancelled = await exchange.cancel(cid, 'BTC/USDT');
    expect(bodyOf(http.to('POST', '/api/v3/brokerage/orders/batch_cancel')[0]!)).toEqual({
      order_ids: [orderId],
    });
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED' }),
    });
  });
});
