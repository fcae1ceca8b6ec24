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

  it('answers null when neither list has the orderLinkId', async () => {
    const { exchange } = testVenue('bybit', [
      { method: 'GET', path: '/v5/order/realtime', answers: [{ body: list([]) }] },
      { method: 'GET', path: '/v5/order/history', answers: [{ body: list([]) }] },
    ]);
    expect(await exchange.lookup(cid, 'BTC/USDT:USDT')).toEqual({ _tag: 'Right', right: null });
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
