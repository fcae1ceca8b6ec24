import { bodyOf } from '../testing/fakeHttp';
import { testVenue } from '../testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
const byClientOid = `/api/v1/order/client-order/${cid}`;
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
const order = {
  id: '5bd6e9286d99522a52e458de',
  symbol: 'BTC-USDT',
  opType: 'DEAL',
  type: 'limit',
  side: 'buy',
  price: '50000.1',
  size: '0.0123456',
  funds: '0',
  dealFunds: '250.0005',
  dealSize: '0.005',
  fee: '0.25',
  feeCurrency: 'USDT',
  timeInForce: 'GTC',
  postOnly: false,
  channel: 'API',
  clientOid: cid,
  isActive: true,
  cancelExist: false,
  createdAt: 1_700_000_000_100,
  tradeType: 'TRADE',
};

describe('kucoin (classic account) through ccxt', () => {
  it('sends clientOid, size truncated to the step and price on the tick', async () => {
    const { http, exchange } = testVenue('kucoin', [
      {
        method: 'POST',
        path: '/api/v1/orders',
        answers: [{ body: { code: '200000', data: { orderId: order.id } } }],
      },
    ]);
    const placed = await exchange.place(limitBuy);
    expect(bodyOf(http.to('POST', '/api/v1/orders')[0]!)).toEqual(
      expect.objectContaining({
        clientOid: cid,
        side: 'buy',
        symbol: 'BTC-USDT',
        type: 'limit',
        size: '0.0123456',
        price: '50000.1',
      }),
    );
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: order.id,
        status: 'OPEN',
      }),
    });
  });

  it('sizes a spot market buy in base', async () => {
    const { http, exchange } = testVenue('kucoin', [
      {
        method: 'POST',
        path: '/api/v1/orders',
        answers: [{ body: { code: '200000', data: { orderId: order.id } } }],
      },
    ]);
    await exchange.place({ ...limitBuy, type: 'MARKET', price: undefined, triggerPrice: 50000 });
    const body = bodyOf(http.to('POST', '/api/v1/orders')[0]!);
    expect(body).toEqual(expect.objectContaining({ type: 'market', size: '0.0123456' }));
    expect(body).not.toHaveProperty('funds');
  });

  it('looks up by clientOid although ccxt insists on an order id it then ignores', async () => {
    const { http, exchange } = testVenue('kucoin', [
      { method: 'GET', path: byClientOid, answers: [{ body: { code: '200000', data: order } }] },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT');
    expect(http.to('GET', byClientOid)).toHaveLength(1);
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: order.id,
        status: 'OPEN',
        filledQuantity: 0.005,
      }),
    });
  });

  it('finds nothing when kucoin has no order under the clientOid, and never answers absent: kucoin bounds no lost create', async () => {
    const { exchange } = testVenue('kucoin', [
      { method: 'GET', path: byClientOid, answers: [{ body: { code: '200000', data: null } }] },
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
    const { http, exchange } = testVenue('kucoin', [
      {
        method: 'DELETE',
        path: byClientOid,
        answers: [
          { body: { code: '200000', data: { cancelledOrderId: order.id, clientOid: cid } } },
        ],
      },
      {
        method: 'GET',
        path: byClientOid,
        answers: [
          { body: { code: '200000', data: { ...order, isActive: false, cancelExist: true } } },
        ],
      },
    ]);
    const cancelled = await exchange.cancel(cid, 'BTC/USDT');
    expect(http.to('DELETE', byClientOid)).toHaveLength(1);
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED', filledQuantity: 0.005 }),
    });
  });
});
