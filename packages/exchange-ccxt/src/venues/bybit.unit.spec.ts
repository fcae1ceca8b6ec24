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
const created = {
  retCode: 0,
  retMsg: 'OK',
  result: { orderId: '1321003749386327552', orderLinkId: cid },
  retExtInfo: {},
  time: 1_700_000_000_100,
};
const filledLinear = {
  symbol: 'BTCUSDT',
  orderType: 'Market',
  orderLinkId: cid,
  orderId: '1321003749386327552',
  avgPrice: '50010.5',
  orderStatus: 'Filled',
  cumExecValue: '600.126',
  cumExecQty: '0.012',
  leavesQty: '0',
  price: '47500',
  qty: '0.012',
  side: 'Sell',
  timeInForce: 'IOC',
  reduceOnly: true,
  createdTime: '1700000000100',
  updatedTime: '1700000000200',
};
const list = (items: unknown[]) => ({
  retCode: 0,
  retMsg: 'OK',
  result: { category: 'linear', list: items, nextPageCursor: '' },
  retExtInfo: {},
  time: 1,
});

describe('bybit through ccxt', () => {
  it('sends orderLinkId, qty truncated to the step, price on the tick and a 5 s recv window', async () => {
    const { http, exchange } = testVenue('bybit', [
      { method: 'POST', path: '/v5/order/create', answers: [{ body: created }] },
    ]);
    const placed = await exchange.place(limitBuy);
    const [sent] = http.to('POST', '/v5/order/create');
    expect(bodyOf(sent!)).toEqual(
      expect.objectContaining({
        category: 'spot',
        symbol: 'BTCUSDT',
        side: 'Buy',
        orderType: 'Limit',
        qty: '0.012345',
        price: '50000.12',
        orderLinkId: cid,
      }),
    );
    expect(sent!.headers['x-bapi-recv-window']).toBe('5000');
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: '1321003749386327552',
        status: 'OPEN',
      }),
    });
  });

  it('sizes a spot market buy in the base coin', async () => {
    const { http, exchange } = testVenue('bybit', [
      { method: 'POST', path: '/v5/order/create', answers: [{ body: created }] },
    ]);
    await exchange.place({ ...limitBuy, type: 'MARKET', price: undefined, triggerPrice: 50000 });
    expect(bodyOf(http.to('POST', '/v5/order/create')[0]!)).toEqual(
      expect.objectContaining({ orderType: 'Market', marketUnit: 'baseCoin', qty: '0.012345' }),
    );
  });

  it('sends a perpetual exit reduce-only in the linear category', async () => {
    const { http, exchange } = testVenue('bybit', [
      { method: 'POST', path: '/v5/order/create', answers: [{ body: created }] },
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
    expect(bodyOf(http.to('POST', '/v5/order/create')[0]!)).toEqual(
      expect.objectContaining({
        category: 'linear',
        side: 'Sell',
        orderType: 'Market',
        qty: '0.012',
        reduceOnly: true,
        orderLinkId: cid,
      }),
    );
  });

  it('looks up by orderLinkId among open orders, then in the order history', async () => {
    const { http, exchange } = testVenue('bybit', [
      { method: 'GET', path: '/v5/order/realtime', answers: [{ body: list([]) }] },
      { method: 'GET', path: '/v5/order/history', answers: [{ body: list([filledLinear]) }] },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT:USDT');
    expect(queryOf(http.to('GET', '/v5/order/realtime')[0]!)).toEqual(
      expect.objectContaining({ category: 'linear', symbol: 'BTCUSDT', orderLinkId: cid }),
    );
    expect(queryOf(http.to('GET', '/v5/order/history')[0]!)).toEqual(
      expect.objectContaining({ category: 'linear', symbol: 'BTCUSDT', orderLinkId: cid }),
    );
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        status: 'FILLED',
        filledQuantity: 0.012,
        averagePrice: 50010.5,
        updatedAt: 1_700_000_000_200,
      }),
    });
  });

  it('finds nothing when neither list has the orderLinkId, and never answers absent: the history of bybit may lag', async () => {
    const { exchange } = testVenue('bybit', [
      { method: 'GET', path: '/v5/order/realtime', answers: [{ body: list([]) }] },
      { method: 'GET', path: '/v5/order/history', answers: [{ body: list([]) }] },
    ]);
    expect(await exchange.lookup(cid, 'BTC/USDT:USDT')).toEqual({
      _tag: 'Left',
      left: {
        code: 'NETWORK',
        message: expect.stringContaining(
          'offers no proof that an order it does not show was never placed',
        ),
      },
    });
  });

  it('cancels by orderLinkId (ccxt would pass a clientOrderId bybit does not know)', async () => {
    const { http, exchange } = testVenue('bybit', [
      { method: 'POST', path: '/v5/order/cancel', answers: [{ body: created }] },
      { method: 'GET', path: '/v5/order/realtime', answers: [{ body: list([]) }] },
      {
        method: 'GET',
        path: '/v5/order/history',
        answers: [
          {
            body: list([
              {
                ...filledLinear,
                orderStatus: 'Cancelled',
                cumExecQty: '0',
                cumExecValue: '0',
                avgPrice: '',
              },
            ]),
          },
        ],
      },
    ]);
    const cancelled = await exchange.cancel(cid, 'BTC/USDT:USDT');
    const body = bodyOf(http.to('POST', '/v5/order/cancel')[0]!);
    expect(body).toEqual(
      expect.objectContaining({ category: 'linear', symbol: 'BTCUSDT', orderLinkId: cid }),
    );
    expect(body).not.toHaveProperty('clientOrderId');
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED', filledQuantity: 0 }),
    });
  });
});

describe('bybit native stops', () => {
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
  const untriggered = {
    ...filledLinear,
    orderLinkId: stopCid,
    orderStatus: 'Untriggered',
    orderType: 'Market',
    stopOrderType: 'Stop',
    triggerPrice: '48000.1',
    triggerDirection: 2,
    triggerBy: 'LastPrice',
    cumExecQty: '0',
    cumExecValue: '0',
    avgPrice: '',
    leavesQty: '0.012',
    price: '0',
  };

  it('amends native stops in place on the linear perpetual, and keeps none on spot', async () => {
    const { exchange } = testVenue('bybit');
    expect(await exchange.nativeStops!('BTC/USDT:USDT')).toEqual({ mode: 'AMEND' });
    expect(await exchange.nativeStops!('BTC/USDT')).toEqual({
      mode: 'OFF',
      reason: expect.stringContaining('spot'),
    });
  });

  it('never sends a stop on spot', async () => {
    const { http, exchange } = testVenue('bybit');
    expect(await exchange.place({ ...stop, symbol: 'BTC/USDT' })).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringMatching(/^NATIVE_STOP_OFF: /) },
    });
    expect(http.to('POST', '/v5/order/create')).toHaveLength(0);
  });

  it('places a reduce-only conditional market order that a falling price triggers for a sell', async () => {
    const { http, exchange } = testVenue('bybit', [
      {
        method: 'POST',
        path: '/v5/order/create',
        answers: [{ body: { ...created, result: { ...created.result, orderLinkId: stopCid } } }],
      },
    ]);
    const placed = await exchange.place(stop);
    const body = bodyOf(http.to('POST', '/v5/order/create')[0]!);
    expect(body).toEqual(
      expect.objectContaining({
        category: 'linear',
        symbol: 'BTCUSDT',
        side: 'Sell',
        orderType: 'Market',
        qty: '0.012',
        triggerPrice: '48000.1',
        triggerDirection: 2,
        reduceOnly: true,
        orderLinkId: stopCid,
      }),
    );
    expect(body).not.toHaveProperty('price');
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: stopCid, type: 'STOP', status: 'OPEN' }),
    });
  });

  it('has a buy stop (protecting a short) triggered by a rising price', async () => {
    const { http, exchange } = testVenue('bybit', [
      { method: 'POST', path: '/v5/order/create', answers: [{ body: created }] },
    ]);
    await exchange.place({ ...stop, side: 'BUY', stopPrice: 52000 });
    expect(bodyOf(http.to('POST', '/v5/order/create')[0]!)).toEqual(
      expect.objectContaining({ side: 'Buy', triggerPrice: '52000', triggerDirection: 1 }),
    );
  });

  it('looks a resting stop up by orderLinkId with its trigger price', async () => {
    const { exchange } = testVenue('bybit', [
      { method: 'GET', path: '/v5/order/realtime', answers: [{ body: list([untriggered]) }] },
    ]);
    expect(await exchange.lookup(stopCid, 'BTC/USDT:USDT')).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: stopCid,
        type: 'STOP',
        status: 'OPEN',
        quantity: 0.012,
        filledQuantity: 0,
        stopPrice: 48000.1,
      }),
    });
  });

  it('reads a triggered stop, which keeps its ids, with its fill', async () => {
    const { exchange } = testVenue('bybit', [
      { method: 'GET', path: '/v5/order/realtime', answers: [{ body: list([]) }] },
      {
        method: 'GET',
        path: '/v5/order/history',
        answers: [
          {
            body: list([
              {
                ...filledLinear,
                orderLinkId: stopCid,
                stopOrderType: 'Stop',
                triggerPrice: '48000.1',
                avgPrice: '47990.2',
                cumExecValue: '575.8824',
              },
            ]),
          },
        ],
      },
    ]);
    expect(await exchange.lookup(stopCid, 'BTC/USDT:USDT')).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: stopCid,
        status: 'FILLED',
        filledQuantity: 0.012,
        averagePrice: 47990.2,
      }),
    });
  });

  it('moves a stop in place by orderLinkId: new trigger price and size, then reads it back', async () => {
    const { http, exchange } = testVenue('bybit', [
      {
        method: 'POST',
        path: '/v5/order/amend',
        answers: [{ body: { ...created, result: { ...created.result, orderLinkId: stopCid } } }],
      },
      {
        method: 'GET',
        path: '/v5/order/realtime',
        answers: [{ body: list([{ ...untriggered, triggerPrice: '48500', qty: '0.01' }]) }],
      },
    ]);
    const amended = await exchange.amendStop!(stopCid, 'BTC/USDT:USDT', {
      side: 'SELL',
      stopPrice: 48500.04,
      quantity: 0.0109,
      ts: 1,
    });
    const body = bodyOf(http.to('POST', '/v5/order/amend')[0]!);
    expect(body).toEqual(
      expect.objectContaining({
        category: 'linear',
        symbol: 'BTCUSDT',
        orderLinkId: stopCid,
        qty: '0.01',
        triggerPrice: '48500',
      }),
    );
    expect(body).not.toHaveProperty('orderId');
    expect(http.to('POST', '/v5/order/create')).toHaveLength(0);
    expect(http.to('POST', '/v5/order/cancel')).toHaveLength(0);
    expect(amended).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: stopCid, stopPrice: 48500, quantity: 0.01 }),
    });
  });

  it('settles an amend refused as "not modified" by the stop it reads back', async () => {
    const { exchange } = testVenue('bybit', [
      {
        method: 'POST',
        path: '/v5/order/amend',
        answers: [
          {
            body: {
              retCode: 10001,
              retMsg:
                'The order remains unchanged as the parameters entered match the existing ones.',
              result: {},
            },
          },
        ],
      },
      {
        method: 'GET',
        path: '/v5/order/realtime',
        answers: [{ body: list([{ ...untriggered, triggerPrice: '48500', qty: '0.01' }]) }],
      },
    ]);
    expect(
      await exchange.amendStop!(stopCid, 'BTC/USDT:USDT', {
        side: 'SELL',
        stopPrice: 48500,
        quantity: 0.01,
        ts: 1,
      }),
    ).toEqual({ _tag: 'Right', right: expect.objectContaining({ stopPrice: 48500 }) });
  });

  it('passes an amend refusal on when the stop did not move', async () => {
    const { exchange } = testVenue('bybit', [
      {
        method: 'POST',
        path: '/v5/order/amend',
        answers: [
          {
            body: {
              retCode: 110001,
              retMsg: 'order not exists or too late to replace',
              result: {},
            },
          },
        ],
      },
      {
        method: 'GET',
        path: '/v5/order/realtime',
        answers: [{ body: list([{ ...untriggered }]) }],
      },
    ]);
    expect(
      await exchange.amendStop!(stopCid, 'BTC/USDT:USDT', {
        side: 'SELL',
        stopPrice: 48500,
        quantity: 0.01,
        ts: 1,
      }),
    ).toEqual({
      _tag: 'Left',
      left: expect.objectContaining({ message: expect.stringContaining('too late to replace') }),
    });
  });
});
