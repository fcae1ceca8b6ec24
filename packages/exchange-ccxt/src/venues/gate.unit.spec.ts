import { clientOrderId, flattenClientOrderId } from '@smart-orders/core';
import { bodyOf, queryOf } from '../testing/fakeHttp';
import { testVenue } from '../testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
// On gate the engine's `so` gives way to the `t-` that gate requires (28 characters in all).
const text = `t-${cid.slice(2)}`;
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
const spotOrder = {
  id: '12332324',
  text,
  create_time_ms: 1_700_000_000_100,
  update_time_ms: 1_700_000_000_100,
  status: 'open',
  currency_pair: 'BTC_USDT',
  type: 'limit',
  account: 'spot',
  side: 'buy',
  amount: '0.012345',
  price: '50000.1',
  time_in_force: 'gtc',
  left: '0.012345',
  filled_amount: '0',
  filled_total: '0',
  avg_deal_price: '',
};
const notFound = { status: 404, body: { label: 'ORDER_NOT_FOUND', message: 'Order not found' } };

describe('gate through ccxt', () => {
  it.each([
    [
      'a take-profit at the highest level and attempt the core makes',
      clientOrderId('o-1', 't', 20, 99_999),
    ],
    ['a flatten exit at attempt 99999', flattenClientOrderId('default', 'BTC/USDT', 3, 99_999)],
  ])('ccxt sends %s (ccxt refuses a text over 28 characters, prefix included)', async (_, id) => {
    const wire = `t-${id.slice(2)}`;
    expect(wire.length).toBeLessThanOrEqual(28);
    const { http, exchange } = testVenue(
      'gate',
      [
        {
          method: 'POST',
          path: '/api/v4/spot/orders',
          answers: [{ body: { ...spotOrder, text: wire } }],
        },
      ],
      { now: () => now },
    );
    const placed = await exchange.place({ ...limitBuy, clientOrderId: id });
    expect(bodyOf(http.to('POST', '/api/v4/spot/orders')[0]!)).toEqual(
      expect.objectContaining({ text: wire }),
    );
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: id }),
    });
  });

  it('sends the id as text "t-<id>", amount truncated, price on the tick and an x-gate-exptime deadline', async () => {
    const { http, exchange } = testVenue(
      'gate',
      [{ method: 'POST', path: '/api/v4/spot/orders', answers: [{ body: spotOrder }] }],
      { now: () => now },
    );
    const placed = await exchange.place(limitBuy);
    const [sent] = http.to('POST', '/api/v4/spot/orders');
    expect(bodyOf(sent!)).toEqual(
      expect.objectContaining({
        currency_pair: 'BTC_USDT',
        type: 'limit',
        side: 'buy',
        amount: '0.012345',
        price: '50000.1',
        text,
      }),
    );
    expect(sent!.headers['x-gate-exptime']).toBe(String(now + 5000));
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: '12332324',
        status: 'OPEN',
      }),
    });
  });

  it('sends a spot market buy as a marketable limit IOC sized in base (gate sizes market buys in quote)', async () => {
    const { http, exchange } = testVenue('gate', [
      {
        method: 'POST',
        path: '/api/v4/spot/orders',
        answers: [{ body: { ...spotOrder, status: 'closed', time_in_force: 'ioc' } }],
      },
    ]);
    await exchange.place({ ...limitBuy, type: 'MARKET', price: undefined, triggerPrice: 50000 });
    expect(bodyOf(http.to('POST', '/api/v4/spot/orders')[0]!)).toEqual(
      expect.objectContaining({
        type: 'limit',
        time_in_force: 'ioc',
        amount: '0.012345',
        price: '50500',
        text,
      }),
    );
  });

  it('sends a perpetual exit in whole contracts (0.0001 BTC each), rounded down, reduce-only', async () => {
    const { http, exchange } = testVenue('gate', [
      {
        method: 'POST',
        path: '/api/v4/futures/usdt/orders',
        answers: [
          {
            body: {
              id: 4_000_001,
              text,
              contract: 'BTC_USDT',
              size: -123,
              left: 0,
              status: 'finished',
              finish_as: 'filled',
              fill_price: '50010.5',
              create_time: 1_700_000_000.1,
              update_time: 1_700_000_000.2,
            },
          },
        ],
      },
    ]);
    await exchange.place({
      ...limitBuy,
      symbol: 'BTC/USDT:USDT',
      side: 'SELL',
      type: 'MARKET',
      price: undefined,
      quantity: 0.01239,
      reduceOnly: true,
      triggerPrice: 50000,
    });
    expect(bodyOf(http.to('POST', '/api/v4/futures/usdt/orders')[0]!)).toEqual(
      expect.objectContaining({
        contract: 'BTC_USDT',
        size: -123,
        reduce_only: true,
        tif: 'ioc',
        text,
      }),
    );
  });

  it('looks up by text while gate still answers to it', async () => {
    const { http, exchange } = testVenue('gate', [
      {
        method: 'GET',
        path: `/api/v4/spot/orders/${text}`,
        answers: [
          {
            body: {
              ...spotOrder,
              left: '0.002345',
              filled_amount: '0.01',
              filled_total: '500.0',
              avg_deal_price: '50000',
            },
          },
        ],
      },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT');
    expect(queryOf(http.to('GET', `/api/v4/spot/orders/${text}`)[0]!)).toEqual(
      expect.objectContaining({ currency_pair: 'BTC_USDT' }),
    );
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        status: 'OPEN',
        filledQuantity: 0.01,
        averagePrice: 50000,
      }),
    });
  });

  it('falls back to the finished orders when gate no longer answers to the text', async () => {
    const { http, exchange } = testVenue('gate', [
      { method: 'GET', path: `/api/v4/spot/orders/${text}`, answers: [notFound] },
      {
        method: 'GET',
        path: '/api/v4/spot/orders',
        answers: [
          {
            body: [
              { ...spotOrder, id: '1', text: 't-someoneelse' },
              {
                ...spotOrder,
                status: 'closed',
                left: '0',
                filled_amount: '0.012345',
                filled_total: '617.25',
                avg_deal_price: '50000',
              },
            ],
          },
        ],
      },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT', now);
    expect(queryOf(http.to('GET', '/api/v4/spot/orders')[0]!)).toEqual(
      expect.objectContaining({
        currency_pair: 'BTC_USDT',
        status: 'finished',
        from: String(now / 1000),
      }),
    );
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: '12332324',
        status: 'FILLED',
      }),
    });
  });

  it('answers null only when neither the text nor the finished orders know it', async () => {
    const { exchange } = testVenue('gate', [
      { method: 'GET', path: `/api/v4/spot/orders/${text}`, answers: [notFound] },
      { method: 'GET', path: '/api/v4/spot/orders', answers: [{ body: [] }] },
    ]);
    expect(await exchange.lookup(cid, 'BTC/USDT', now)).toEqual({ _tag: 'Right', right: null });
  });

  it('cancels with the text in place of the order id', async () => {
    const { http, exchange } = testVenue('gate', [
      {
        method: 'DELETE',
        path: `/api/v4/spot/orders/${text}`,
        answers: [{ body: { ...spotOrder, status: 'cancelled' } }],
      },
      {
        method: 'GET',
        path: `/api/v4/spot/orders/${text}`,
        answers: [{ body: { ...spotOrder, status: 'cancelled' } }],
      },
    ]);
    const cancelled = await exchange.cancel(cid, 'BTC/USDT');
    expect(http.to('DELETE', `/api/v4/spot/orders/${text}`)).toHaveLength(1);
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED' }),
    });
  });
});

describe('gate native stops', () => {
  it('keeps none yet on the USDT swap, says why, and sends nothing for a STOP', async () => {
    const { http, exchange } = testVenue('gate');
    expect(await exchange.nativeStops!('BTC/USDT:USDT')).toEqual({
      mode: 'OFF',
      reason: expect.stringContaining('not built in this adapter yet'),
    });
    expect(
      await exchange.place({
        clientOrderId: 'son0r3k3j9x2ab7qfe41mz',
        orderId: 'o-1',
        symbol: 'BTC/USDT:USDT',
        side: 'SELL',
        type: 'STOP',
        quantity: 0.0123,
        stopPrice: 48000,
        reduceOnly: true,
        ts: 1_700_000_000_000,
      }),
    ).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringMatching(/^NATIVE_STOP_OFF: gate /) },
    });
    expect(http.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });
});
