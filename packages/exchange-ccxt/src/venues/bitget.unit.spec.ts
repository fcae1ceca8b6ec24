import { bodyOf, queryOf } from '../testing/fakeHttp';
import { testVenue } from '../testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
const limitBuy = {
  clientOrderId: cid,
  orderId: 'o-1',
  symbol: 'BTC/USDT',
  side: 'BUY' as const,
  type: 'LIMIT' as const,
  quantity: 0.0123456,
  price: 50000.123,
  reduceOnly: false,
  ts: 1_700_000_000_000,
};
const accepted = {
  code: '00000',
  msg: 'success',
  requestTime: 1_700_000_000_100,
  data: { orderId: '1001', clientOid: cid },
};
const spotOrder = {
  userId: '1',
  symbol: 'BTCUSDT',
  orderId: '1001',
  clientOid: cid,
  price: '50000.12',
  size: '0.012345',
  orderType: 'limit',
  side: 'buy',
  status: 'partially_filled',
  priceAvg: '50000.12',
  baseVolume: '0.005',
  quoteVolume: '250.0006',
  enterPointSource: 'API',
  cTime: '1700000000100',
  uTime: '1700000000300',
};
const swapOrder = {
  symbol: 'BTCUSDT',
  size: '0.0123',
  orderId: '2002',
  clientOid: cid,
  baseVolume: '0.0123',
  priceAvg: '50010.5',
  state: 'filled',
  side: 'sell',
  orderType: 'market',
  reduceOnly: 'YES',
  marginCoin: 'USDT',
  cTime: '1700000000100',
  uTime: '1700000000200',
};

describe('bitget (classic account) through ccxt', () => {
  it('sends clientOid, size truncated to the step and price on the tick', async () => {
    const { http, exchange } = testVenue('bitget', [
      { method: 'POST', path: '/api/v2/spot/trade/place-order', answers: [{ body: accepted }] },
    ]);
    const placed = await exchange.place(limitBuy);
    expect(bodyOf(http.to('POST', '/api/v2/spot/trade/place-order')[0]!)).toEqual(
      expect.objectContaining({
        symbol: 'BTCUSDT',
        side: 'buy',
        orderType: 'limit',
        size: '0.012345',
        price: '50000.12',
        clientOid: cid,
      }),
    );
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: cid, exchangeOrderId: '1001' }),
    });
  });

  it('sends a spot market buy as a marketable limit IOC sized in base (bitget sizes market buys in quote)', async () => {
    const { http, exchange } = testVenue('bitget', [
      { method: 'POST', path: '/api/v2/spot/trade/place-order', answers: [{ body: accepted }] },
    ]);
    await exchange.place({ ...limitBuy, type: 'MARKET', price: undefined, triggerPrice: 50000 });
    expect(bodyOf(http.to('POST', '/api/v2/spot/trade/place-order')[0]!)).toEqual(
      expect.objectContaining({
        orderType: 'limit',
        force: 'IOC',
        size: '0.012345',
        price: '50500',
        clientOid: cid,
      }),
    );
  });

  it('sends a perpetual exit reduce-only in one-way mode', async () => {
    const { http, exchange } = testVenue('bitget', [
      { method: 'POST', path: '/api/v2/mix/order/place-order', answers: [{ body: accepted }] },
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
    expect(bodyOf(http.to('POST', '/api/v2/mix/order/place-order')[0]!)).toEqual(
      expect.objectContaining({
        symbol: 'BTCUSDT',
        productType: 'USDT-FUTURES',
        side: 'sell',
        orderType: 'market',
        size: '0.0123',
        reduceOnly: 'YES',
        clientOid: cid,
      }),
    );
  });

  it('looks a spot order up by clientOid', async () => {
    const { http, exchange } = testVenue('bitget', [
      {
        method: 'GET',
        path: '/api/v2/spot/trade/orderInfo',
        answers: [{ body: { code: '00000', msg: 'success', requestTime: 1, data: [spotOrder] } }],
      },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT');
    expect(queryOf(http.to('GET', '/api/v2/spot/trade/orderInfo')[0]!)).toEqual(
      expect.objectContaining({ clientOid: cid }),
    );
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        status: 'OPEN',
        filledQuantity: 0.005,
        averagePrice: 50000.12,
      }),
    });
  });

  it('looks a perpetual order up by clientOid', async () => {
    const { http, exchange } = testVenue('bitget', [
      {
        method: 'GET',
        path: '/api/v2/mix/order/detail',
        answers: [{ body: { code: '00000', msg: 'success', requestTime: 1, data: swapOrder } }],
      },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT:USDT');
    expect(queryOf(http.to('GET', '/api/v2/mix/order/detail')[0]!)).toEqual(
      expect.objectContaining({ symbol: 'BTCUSDT', productType: 'USDT-FUTURES', clientOid: cid }),
    );
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        status: 'FILLED',
        filledQuantity: 0.0123,
        averagePrice: 50010.5,
      }),
    });
  });

  it('finds nothing when bitget cannot find the order (40109), and never answers absent: bitget bounds no lost create', async () => {
    const { exchange } = testVenue('bitget', [
      {
        method: 'GET',
        path: '/api/v2/spot/trade/orderInfo',
        answers: [
          {
            status: 400,
            body: {
              code: '40109',
              msg: 'The data of the order cannot be found, please confirm the order number',
              requestTime: 1,
              data: null,
            },
          },
        ],
      },
    ]);
    expect(await exchange.lookup(cid, 'BTC/USDT')).toEqual({
      _tag: 'Left',
      left: {
        code: 'NETWORK',
        message: expect.stringContaining(
          'offers no proof that an order it does not show was never placed',
        ),
      },
    });
  });

  it('cancels by clientOid', async () => {
    const { http, exchange } = testVenue('bitget', [
      { method: 'POST', path: '/api/v2/spot/trade/cancel-order', answers: [{ body: accepted }] },
      {
        method: 'GET',
        path: '/api/v2/spot/trade/orderInfo',
        answers: [
          {
            body: {
              code: '00000',
              msg: 'success',
              requestTime: 1,
              data: [{ ...spotOrder, status: 'cancelled' }],
            },
          },
        ],
      },
    ]);
    const cancelled = await exchange.cancel(cid, 'BTC/USDT');
    expect(bodyOf(http.to('POST', '/api/v2/spot/trade/cancel-order')[0]!)).toEqual(
      expect.objectContaining({ symbol: 'BTCUSDT', clientOid: cid }),
    );
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED', filledQuantity: 0.005 }),
    });
  });
});

describe('bitget native stops', () => {
  it('keeps none yet on the USDT swap, says why, and sends nothing for a STOP', async () => {
    const { http, exchange } = testVenue('bitget');
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
      left: { code: 'REJECTED', message: expect.stringMatching(/^NATIVE_STOP_OFF: bitget /) },
    });
    expect(http.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });
});
