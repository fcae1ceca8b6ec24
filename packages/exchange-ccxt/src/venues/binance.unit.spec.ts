import { bodyOf, queryOf, timeout } from '../testing/fakeHttp';
import { testVenue } from '../testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
const request = {
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

const spotNew = {
  symbol: 'BTCUSDT',
  orderId: 28,
  orderListId: -1,
  clientOrderId: cid,
  transactTime: 1_700_000_000_100,
  price: '50000.12000000',
  origQty: '0.01234000',
  executedQty: '0.00000000',
  cummulativeQuoteQty: '0.00000000',
  status: 'NEW',
  timeInForce: 'GTC',
  type: 'LIMIT',
  side: 'BUY',
  workingTime: 1_700_000_000_100,
  fills: [],
};

const perpFilled = {
  orderId: 4_000_000_001,
  symbol: 'BTCUSDT',
  status: 'FILLED',
  clientOrderId: cid,
  price: '0',
  avgPrice: '50010.5',
  origQty: '0.012',
  executedQty: '0.012',
  cumQuote: '600.126',
  timeInForce: 'GTC',
  type: 'MARKET',
  reduceOnly: true,
  closePosition: false,
  side: 'SELL',
  positionSide: 'BOTH',
  origType: 'MARKET',
  updateTime: 1_700_000_000_200,
};

describe('binance through ccxt', () => {
  it('sends a limit order with newClientOrderId, amount truncated to the step and price on the tick', async () => {
    const { http, exchange } = testVenue('binance', [
      { method: 'POST', path: '/api/v3/order', answers: [{ body: spotNew }] },
    ]);
    const placed = await exchange.place(request);
    const [sent] = http.to('POST', '/api/v3/order');
    expect(bodyOf(sent!)).toMatchObject({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      quantity: '0.01234',
      price: '50000.12',
      timeInForce: 'GTC',
      newClientOrderId: cid,
      recvWindow: '5000',
    });
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: '28',
        status: 'OPEN',
        quantity: 0.01234,
        filledQuantity: 0,
        price: 50000.12,
      }),
    });
  });

  it('sizes a spot market buy in base, never as quoteOrderQty', async () => {
    const { http, exchange } = testVenue('binance', [
      {
        method: 'POST',
        path: '/api/v3/order',
        answers: [
          {
            body: {
              ...spotNew,
              type: 'MARKET',
              status: 'FILLED',
              executedQty: '0.01234000',
              cummulativeQuoteQty: '617.00',
            },
          },
        ],
      },
    ]);
    await exchange.place({ ...request, type: 'MARKET', price: undefined, triggerPrice: 50000 });
    const body = bodyOf(http.to('POST', '/api/v3/order')[0]!);
    expect(body).toMatchObject({ type: 'MARKET', quantity: '0.01234' });
    expect(body).not.toHaveProperty('quoteOrderQty');
    expect(body).not.toHaveProperty('price');
  });

  it('sends a perpetual exit reduce-only, amount rounded down, and reads the fill back', async () => {
    const { http, exchange } = testVenue('binance', [
      { method: 'POST', path: '/fapi/v1/order', answers: [{ body: perpFilled }] },
    ]);
    const placed = await exchange.place({
      ...request,
      symbol: 'BTC/USDT:USDT',
      side: 'SELL',
      type: 'MARKET',
      price: undefined,
      quantity: 0.01239,
      reduceOnly: true,
      triggerPrice: 50000,
    });
    expect(bodyOf(http.to('POST', '/fapi/v1/order')[0]!)).toMatchObject({
      type: 'MARKET',
      side: 'SELL',
      quantity: '0.012',
      reduceOnly: 'true',
      newClientOrderId: cid,
    });
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        status: 'FILLED',
        filledQuantity: 0.012,
        averagePrice: 50010.5,
        updatedAt: 1_700_000_000_200,
      }),
    });
  });

  it('never sends reduce-only on spot, where it does not exist', async () => {
    const { http, exchange } = testVenue('binance', [
      {
        method: 'POST',
        path: '/api/v3/order',
        answers: [{ body: { ...spotNew, side: 'SELL', type: 'MARKET', status: 'FILLED' } }],
      },
    ]);
    await exchange.place({
      ...request,
      side: 'SELL',
      type: 'MARKET',
      price: undefined,
      reduceOnly: true,
      triggerPrice: 50000,
    });
    expect(bodyOf(http.to('POST', '/api/v3/order')[0]!)).not.toHaveProperty('reduceOnly');
  });

  it('looks an order up by origClientOrderId and maps the answer', async () => {
    const { http, exchange } = testVenue('binance', [
      {
        method: 'GET',
        path: '/api/v3/order',
        answers: [
          {
            body: {
              ...spotNew,
              status: 'PARTIALLY_FILLED',
              executedQty: '0.00500000',
              cummulativeQuoteQty: '250.00',
              updateTime: 1_700_000_000_300,
            },
          },
        ],
      },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT');
    expect(queryOf(http.to('GET', '/api/v3/order')[0]!)).toMatchObject({
      symbol: 'BTCUSDT',
      origClientOrderId: cid,
    });
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        status: 'OPEN',
        filledQuantity: 0.005,
        averagePrice: 50000,
      }),
    });
  });

  it('answers null when binance says the order does not exist', async () => {
    const { exchange } = testVenue('binance', [
      {
        method: 'GET',
        path: '/api/v3/order',
        answers: [{ status: 400, body: { code: -2013, msg: 'Order does not exist.' } }],
      },
    ]);
    expect(await exchange.lookup(cid, 'BTC/USDT')).toEqual({ _tag: 'Right', right: null });
  });

  it('cancels by origClientOrderId and reports the order as the venue then shows it', async () => {
    const { http, exchange } = testVenue('binance', [
      {
        method: 'DELETE',
        path: '/api/v3/order',
        answers: [{ body: { ...spotNew, status: 'CANCELED' } }],
      },
      {
        method: 'GET',
        path: '/api/v3/order',
        answers: [{ body: { ...spotNew, status: 'CANCELED' } }],
      },
    ]);
    const cancelled = await exchange.cancel(cid, 'BTC/USDT');
    expect(queryOf(http.to('DELETE', '/api/v3/order')[0]!)).toMatchObject({
      symbol: 'BTCUSDT',
      origClientOrderId: cid,
    });
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED' }),
    });
  });

  it('tries a cancel that timed out again, a cancel being idempotent', async () => {
    const { http, exchange } = testVenue('binance', [
      {
        method: 'DELETE',
        path: '/api/v3/order',
        answers: [timeout(), { body: { ...spotNew, status: 'CANCELED' } }],
      },
      {
        method: 'GET',
        path: '/api/v3/order',
        answers: [{ body: { ...spotNew, status: 'CANCELED' } }],
      },
    ]);
    expect(await exchange.cancel(cid, 'BTC/USDT')).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED' }),
    });
    expect(http.to('DELETE', '/api/v3/order')).toHaveLength(2);
  });
});

describe('binance native stops', () => {
  const stopCid = 'son0r3k3j9x2ab7qfe41mz';
  const stop = {
    clientOrderId: stopCid,
    orderId: 'o-1',
    symbol: 'BTC/USDT:USDT',
    side: 'SELL' as const,
    type: 'STOP' as const,
    quantity: 0.01239,
    stopPrice: 48000.123,
    reduceOnly: true,
    ts: 1_700_000_000_000,
  };
  const algo = {
    algoId: 2146760,
    clientAlgoId: stopCid,
    algoType: 'CONDITIONAL',
    orderType: 'STOP_MARKET',
    symbol: 'BTCUSDT',
    side: 'SELL',
    positionSide: 'BOTH',
    timeInForce: 'GTC',
    quantity: '0.012',
    algoStatus: 'NEW',
    actualOrderId: '',
    actualPrice: '0.00000',
    triggerPrice: '48000.1',
    price: '0.0',
    workingType: 'CONTRACT_PRICE',
    closePosition: false,
    reduceOnly: true,
    createTime: 1_700_000_000_100,
    updateTime: 1_700_000_000_100,
    triggerTime: 0,
  };

  it('keeps native stops on the USDⓈ-M perpetual by replacing them, and none on spot', async () => {
    const { exchange } = testVenue('binance');
    expect(await exchange.nativeStops!('BTC/USDT:USDT')).toEqual({ mode: 'REPLACE' });
    expect(await exchange.nativeStops!('BTC/USDT')).toEqual({
      mode: 'OFF',
      reason: expect.stringContaining('lock the base balance that the take-profits sell'),
    });
  });

  it('never sends a stop on spot', async () => {
    const { http, exchange } = testVenue('binance');
    expect(await exchange.place({ ...stop, symbol: 'BTC/USDT' })).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringMatching(/^NATIVE_STOP_OFF: .*spot market/) },
    });
    expect(http.requests).toHaveLength(0);
  });

  it('places a reduce-only STOP_MARKET in the algo service under clientAlgoId', async () => {
    const { http, exchange } = testVenue('binance', [
      { method: 'POST', path: '/fapi/v1/algoOrder', answers: [{ body: algo }] },
    ]);
    const placed = await exchange.place(stop);
    const body = bodyOf(http.to('POST', '/fapi/v1/algoOrder')[0]!);
    expect(body).toMatchObject({
      algoType: 'CONDITIONAL',
      symbol: 'BTCUSDT',
      side: 'SELL',
      type: 'STOP_MARKET',
      quantity: '0.012',
      triggerPrice: '48000.1',
      reduceOnly: 'true',
      clientAlgoId: stopCid,
    });
    expect(body).not.toHaveProperty('price');
    expect(body).not.toHaveProperty('newClientOrderId');
    expect(http.to('POST', '/fapi/v1/order')).toHaveLength(0);
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: stopCid,
        exchangeOrderId: '2146760',
        type: 'STOP',
        status: 'OPEN',
        quantity: 0.012,
        filledQuantity: 0,
        price: null,
        stopPrice: 48000.1,
      }),
    });
  });

  it('looks a triggered stop up by clientAlgoId and reads its fill from the order it placed', async () => {
    const { http, exchange } = testVenue('binance', [
      {
        method: 'GET',
        path: '/fapi/v1/algoOrder',
        answers: [
          {
            body: {
              ...algo,
              algoStatus: 'FINISHED',
              actualOrderId: '88937381063',
              updateTime: 1_700_000_000_300,
            },
          },
        ],
      },
      {
        method: 'GET',
        path: '/fapi/v1/order',
        answers: [
          {
            body: {
              ...perpFilled,
              orderId: 88_937_381_063,
              clientOrderId: 'autotrigger-child-1',
              avgPrice: '47990.2',
              cumQuote: '575.8824',
              type: 'MARKET',
              origType: 'STOP_MARKET',
              updateTime: 1_700_000_000_250,
            },
          },
        ],
      },
    ]);
    const found = await exchange.lookup(stopCid, 'BTC/USDT:USDT');
    expect(queryOf(http.to('GET', '/fapi/v1/algoOrder')[0]!)).toMatchObject({
      clientAlgoId: stopCid,
    });
    expect(queryOf(http.to('GET', '/fapi/v1/order')[0]!)).toMatchObject({
      symbol: 'BTCUSDT',
      orderId: '88937381063',
    });
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: stopCid,
        exchangeOrderId: '88937381063',
        type: 'STOP',
        status: 'FILLED',
        filledQuantity: 0.012,
        averagePrice: 47990.2,
        stopPrice: 48000.1,
      }),
    });
  });

  it('reads a stop whose triggered order found no position to reduce as expired, not filled', async () => {
    const { exchange } = testVenue('binance', [
      {
        method: 'GET',
        path: '/fapi/v1/algoOrder',
        answers: [{ body: { ...algo, algoStatus: 'FINISHED', actualOrderId: '' } }],
      },
    ]);
    expect(await exchange.lookup(stopCid, 'BTC/USDT:USDT')).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'EXPIRED', filledQuantity: 0 }),
    });
  });

  it('answers null when the algo service has no such clientAlgoId', async () => {
    const { exchange } = testVenue('binance', [
      {
        method: 'GET',
        path: '/fapi/v1/algoOrder',
        answers: [{ status: 400, body: { code: -2013, msg: 'Order does not exist.' } }],
      },
    ]);
    expect(await exchange.lookup(stopCid, 'BTC/USDT:USDT')).toEqual({ _tag: 'Right', right: null });
  });

  it('cancels a stop in the algo service by clientAlgoId', async () => {
    const { http, exchange } = testVenue('binance', [
      {
        method: 'DELETE',
        path: '/fapi/v1/algoOrder',
        answers: [
          { body: { algoId: 2146760, clientAlgoId: stopCid, code: '200', msg: 'success' } },
        ],
      },
      {
        method: 'GET',
        path: '/fapi/v1/algoOrder',
        answers: [{ body: { ...algo, algoStatus: 'CANCELED' } }],
      },
    ]);
    const cancelled = await exchange.cancel(stopCid, 'BTC/USDT:USDT');
    expect(queryOf(http.to('DELETE', '/fapi/v1/algoOrder')[0]!)).toMatchObject({
      clientAlgoId: stopCid,
    });
    expect(http.to('DELETE', '/fapi/v1/order')).toHaveLength(0);
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: stopCid, type: 'STOP', status: 'CANCELED' }),
    });
  });

  it('lists resting stops among the open orders of the perpetual', async () => {
    const { http, exchange } = testVenue('binance', [
      { method: 'GET', path: '/fapi/v1/openOrders', answers: [{ body: [] }] },
      { method: 'GET', path: '/fapi/v1/openAlgoOrders', answers: [{ body: [algo] }] },
    ]);
    expect(await exchange.openOrders('BTC/USDT:USDT')).toEqual({
      _tag: 'Right',
      right: [expect.objectContaining({ clientOrderId: stopCid, type: 'STOP', status: 'OPEN' })],
    });
    expect(queryOf(http.to('GET', '/fapi/v1/openAlgoOrders')[0]!)).toMatchObject({
      symbol: 'BTCUSDT',
    });
  });

  it('refuses to amend a stop in place, which the algo service cannot', async () => {
    const { http, exchange } = testVenue('binance');
    expect(
      await exchange.amendStop!(stopCid, 'BTC/USDT:USDT', {
        side: 'SELL',
        stopPrice: 48500,
        quantity: 0.012,
        ts: 1,
      }),
    ).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('AMEND_UNSUPPORTED') },
    });
    expect(http.requests).toHaveLength(0);
  });
});
