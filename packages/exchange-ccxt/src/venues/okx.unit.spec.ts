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
const accepted = {
  code: '0',
  msg: '',
  data: [{ clOrdId: cid, ordId: '312269865356374016', tag: '', sCode: '0', sMsg: '' }],
};
const filledSwap = {
  instType: 'SWAP',
  instId: 'BTC-USDT-SWAP',
  ordId: '312269865356374016',
  clOrdId: cid,
  px: '',
  sz: '1.23',
  ordType: 'market',
  side: 'sell',
  posSide: 'net',
  tdMode: 'cross',
  state: 'filled',
  accFillSz: '1.23',
  avgPx: '50010.5',
  fillPx: '50010.5',
  fillSz: '1.23',
  reduceOnly: 'true',
  cTime: '1700000000100',
  uTime: '1700000000200',
};

describe('okx through ccxt', () => {
  it('sends clOrdId, base size for spot, price on the tick and an expTime deadline', async () => {
    const { http, exchange } = testVenue(
      'okx',
      [{ method: 'POST', path: '/api/v5/trade/batch-orders', answers: [{ body: accepted }] }],
      { now: () => now },
    );
    const placed = await exchange.place(limitBuy);
    const [sent] = http.to('POST', '/api/v5/trade/batch-orders');
    expect(bodyOf(sent!)).toEqual(
      expect.objectContaining({
        instId: 'BTC-USDT',
        side: 'buy',
        ordType: 'limit',
        sz: '0.0123456',
        px: '50000.1',
        tdMode: 'cash',
        clOrdId: cid,
      }),
    );
    expect(sent!.headers['exptime']).toBe(String(now + 5000));
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: cid, exchangeOrderId: '312269865356374016' }),
    });
  });

  it('sizes a spot market buy in the base currency', async () => {
    const { http, exchange } = testVenue('okx', [
      { method: 'POST', path: '/api/v5/trade/batch-orders', answers: [{ body: accepted }] },
    ]);
    await exchange.place({ ...limitBuy, type: 'MARKET', price: undefined, triggerPrice: 50000 });
    expect(bodyOf(http.to('POST', '/api/v5/trade/batch-orders')[0]!)).toEqual(
      expect.objectContaining({ ordType: 'market', sz: '0.0123456', tgtCcy: 'base_ccy' }),
    );
  });

  it('converts a base quantity to contracts (ctVal 0.01), rounds down and sends reduce-only', async () => {
    const { http, exchange } = testVenue('okx', [
      { method: 'POST', path: '/api/v5/trade/batch-orders', answers: [{ body: accepted }] },
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
    expect(bodyOf(http.to('POST', '/api/v5/trade/batch-orders')[0]!)).toEqual(
      expect.objectContaining({
        instId: 'BTC-USDT-SWAP',
        side: 'sell',
        ordType: 'market',
        sz: '1.23',
        reduceOnly: true,
        clOrdId: cid,
      }),
    );
  });

  it('looks up by clOrdId and reports contracts back in base', async () => {
    const { http, exchange } = testVenue('okx', [
      {
        method: 'GET',
        path: '/api/v5/trade/order',
        answers: [{ body: { code: '0', msg: '', data: [filledSwap] } }],
      },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT:USDT');
    expect(queryOf(http.to('GET', '/api/v5/trade/order')[0]!)).toEqual({
      instId: 'BTC-USDT-SWAP',
      clOrdId: cid,
    });
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        status: 'FILLED',
        quantity: 0.0123,
        filledQuantity: 0.0123,
        averagePrice: 50010.5,
        side: 'SELL',
      }),
    });
  });

  it('answers null on "Order does not exist" (51603)', async () => {
    const { exchange } = testVenue('okx', [
      {
        method: 'GET',
        path: '/api/v5/trade/order',
        answers: [{ body: { code: '51603', msg: 'Order does not exist', data: [] } }],
      },
    ]);
    expect(await exchange.lookup(cid, 'BTC/USDT')).toEqual({ _tag: 'Right', right: null });
  });

  it('cancels by clOrdId', async () => {
    const { http, exchange } = testVenue('okx', [
      { method: 'POST', path: '/api/v5/trade/cancel-order', answers: [{ body: accepted }] },
      {
        method: 'GET',
        path: '/api/v5/trade/order',
        answers: [
          {
            body: {
              code: '0',
              msg: '',
              data: [{ ...filledSwap, state: 'canceled', accFillSz: '0', avgPx: '' }],
            },
          },
        ],
      },
    ]);
    const cancelled = await exchange.cancel(cid, 'BTC/USDT:USDT');
    expect(bodyOf(http.to('POST', '/api/v5/trade/cancel-order')[0]!)).toEqual({
      instId: 'BTC-USDT-SWAP',
      clOrdId: cid,
    });
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED' }),
    });
  });
});
