import type { Exchange as CcxtInstance, Order } from 'ccxt';
import { ccxt } from '../ccxtModule';
import { createOrderTracker } from '../orderTracker';
import { bodyOf, queryOf } from '../testing/fakeHttp';
import { MARKETS } from '../testing/markets';
import { testVenue } from '../testing/testVenue';

// ccxt's own okx parser, as `watchOrders` applies it to the orders channel.
const okxParser = (): { parseOrder(o: unknown): Order } => {
  const exchange = new (ccxt.pro as unknown as Record<string, new () => CcxtInstance>)['okx']!();
  exchange.setMarkets([...MARKETS.okx]);
  return exchange as unknown as { parseOrder(o: unknown): Order };
};

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

describe('okx native stops', () => {
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
    ts: now,
  };
  const algoAccepted = {
    code: '0',
    msg: '',
    data: [
      {
        algoId: '681096944655273984',
        algoClOrdId: stopCid,
        clOrdId: '',
        sCode: '0',
        sMsg: '',
        tag: '',
      },
    ],
  };
  const algo = {
    instType: 'SWAP',
    instId: 'BTC-USDT-SWAP',
    algoId: '681096944655273984',
    algoClOrdId: stopCid,
    clOrdId: '',
    ordId: '',
    ordIdList: [],
    ordType: 'conditional',
    side: 'sell',
    posSide: 'net',
    tdMode: 'cross',
    sz: '1.23',
    state: 'live',
    slTriggerPx: '48000.1',
    slOrdPx: '-1',
    slTriggerPxType: 'last',
    triggerPx: '',
    ordPx: '',
    actualSz: '',
    actualPx: '',
    actualSide: '',
    reduceOnly: 'true',
    cTime: '1700000000100',
    uTime: '1700000000100',
  };
  const algoAnswer = (o: Record<string, unknown>) => ({
    code: '0',
    msg: '',
    data: [{ ...algo, ...o }],
  });
  // The order a triggered stop puts in the book: it carries the algo order's ids.
  const triggered = {
    ...filledSwap,
    ordId: '681097071117733888',
    clOrdId: '',
    algoId: '681096944655273984',
    algoClOrdId: stopCid,
    avgPx: '47990.2',
  };

  it('amends native stops in place on the USDT swap, and keeps none on spot', async () => {
    const { exchange } = testVenue('okx');
    expect(await exchange.nativeStops!('BTC/USDT:USDT')).toEqual({ mode: 'AMEND' });
    expect(await exchange.nativeStops!('BTC/USDT')).toEqual({
      mode: 'OFF',
      reason: expect.stringContaining('spot'),
    });
  });

  it('places a reduce-only conditional algo order with a market stop-loss leg, our id as algoClOrdId', async () => {
    const { http, exchange } = testVenue('okx', [
      { method: 'POST', path: '/api/v5/trade/order-algo', answers: [{ body: algoAccepted }] },
    ]);
    const placed = await exchange.place(stop);
    const body = bodyOf(http.to('POST', '/api/v5/trade/order-algo')[0]!);
    expect(body).toEqual(
      expect.objectContaining({
        instId: 'BTC-USDT-SWAP',
        side: 'sell',
        ordType: 'conditional',
        sz: '1.23',
        tdMode: 'cross',
        slTriggerPx: '48000.1',
        slOrdPx: '-1',
        slTriggerPxType: 'last',
        reduceOnly: true,
        algoClOrdId: stopCid,
      }),
    );
    expect(body['clOrdId']).not.toBe(stopCid);
    expect(body).not.toHaveProperty('px');
    expect(body).not.toHaveProperty('triggerPx');
    expect(http.to('POST', '/api/v5/trade/batch-orders')).toHaveLength(0);
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: stopCid,
        exchangeOrderId: '681096944655273984',
        type: 'STOP',
        status: 'OPEN',
        quantity: 0.0123,
        stopPrice: 48000.1,
      }),
    });
  });

  it('has a buy stop (protecting a short) on the same stop-loss leg', async () => {
    const { http, exchange } = testVenue('okx', [
      { method: 'POST', path: '/api/v5/trade/order-algo', answers: [{ body: algoAccepted }] },
    ]);
    await exchange.place({ ...stop, side: 'BUY', stopPrice: 52000 });
    expect(bodyOf(http.to('POST', '/api/v5/trade/order-algo')[0]!)).toEqual(
      expect.objectContaining({ side: 'buy', ordType: 'conditional', slTriggerPx: '52000' }),
    );
  });

  it('looks a resting stop up by algoClOrdId with its trigger price', async () => {
    const { http, exchange } = testVenue('okx', [
      { method: 'GET', path: '/api/v5/trade/order-algo', answers: [{ body: algoAnswer({}) }] },
    ]);
    const found = await exchange.lookup(stopCid, 'BTC/USDT:USDT');
    expect(queryOf(http.to('GET', '/api/v5/trade/order-algo')[0]!)).toEqual(
      expect.objectContaining({ algoClOrdId: stopCid }),
    );
    expect(http.to('GET', '/api/v5/trade/order')).toHaveLength(0);
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: stopCid,
        type: 'STOP',
        status: 'OPEN',
        quantity: 0.0123,
        filledQuantity: 0,
        stopPrice: 48000.1,
      }),
    });
  });

  it('reads a triggered stop (effective) through the order it placed, with that fill', async () => {
    const { http, exchange } = testVenue('okx', [
      {
        method: 'GET',
        path: '/api/v5/trade/order-algo',
        answers: [
          {
            body: algoAnswer({
              state: 'effective',
              ordId: '681097071117733888',
              ordIdList: ['681097071117733888'],
              actualSz: '1.23',
              actualSide: 'sl',
            }),
          },
        ],
      },
      {
        method: 'GET',
        path: '/api/v5/trade/order',
        answers: [{ body: { code: '0', msg: '', data: [triggered] } }],
      },
    ]);
    const found = await exchange.lookup(stopCid, 'BTC/USDT:USDT');
    expect(queryOf(http.to('GET', '/api/v5/trade/order')[0]!)).toEqual({
      instId: 'BTC-USDT-SWAP',
      ordId: '681097071117733888',
    });
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: stopCid,
        type: 'STOP',
        status: 'FILLED',
        filledQuantity: 0.0123,
        averagePrice: 47990.2,
        stopPrice: 48000.1,
      }),
    });
  });

  it('takes a stop whose triggered order could not be placed (order_failed) as expired, unfilled', async () => {
    const { exchange } = testVenue('okx', [
      {
        method: 'GET',
        path: '/api/v5/trade/order-algo',
        answers: [{ body: algoAnswer({ state: 'order_failed' }) }],
      },
    ]);
    expect(await exchange.lookup(stopCid, 'BTC/USDT:USDT')).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'EXPIRED', filledQuantity: 0 }),
    });
  });

  it('reports the fill of the triggered order, seen on the orders channel, under the stop', () => {
    const tracker = createOrderTracker('okx', () => 0.01);
    tracker.track({
      clientOrderId: stopCid,
      wire: stopCid,
      symbol: 'BTC/USDT:USDT',
      contractSize: 0.01,
      sentAt: now,
    });
    const parsed = okxParser().parseOrder(triggered);
    expect(tracker.observe(parsed, now)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          clientOrderId: stopCid,
          execType: 'TRADE',
          lastQuantity: 0.0123,
          lastPrice: 47990.2,
        }),
      ]),
    );
  });

  it('cancels by the algoId it reads by algoClOrdId, then reads the stop back', async () => {
    const { http, exchange } = testVenue('okx', [
      {
        method: 'POST',
        path: '/api/v5/trade/cancel-algos',
        answers: [{ body: algoAccepted }],
      },
      {
        method: 'GET',
        path: '/api/v5/trade/order-algo',
        answers: [{ body: algoAnswer({}) }, { body: algoAnswer({ state: 'canceled' }) }],
      },
    ]);
    const cancelled = await exchange.cancel(stopCid, 'BTC/USDT:USDT');
    expect(JSON.parse(http.to('POST', '/api/v5/trade/cancel-algos')[0]!.body!)).toEqual([
      { algoId: '681096944655273984', instId: 'BTC-USDT-SWAP' },
    ]);
    expect(http.to('POST', '/api/v5/trade/cancel-order')).toHaveLength(0);
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: stopCid, status: 'CANCELED' }),
    });
  });

  it('moves a stop in place by algoClOrdId: new stop-loss trigger and size, then reads it back', async () => {
    const { http, exchange } = testVenue('okx', [
      { method: 'POST', path: '/api/v5/trade/amend-algos', answers: [{ body: algoAccepted }] },
      {
        method: 'GET',
        path: '/api/v5/trade/order-algo',
        answers: [{ body: algoAnswer({ slTriggerPx: '48500', sz: '1' }) }],
      },
    ]);
    const amended = await exchange.amendStop!(stopCid, 'BTC/USDT:USDT', {
      side: 'SELL',
      stopPrice: 48500.04,
      quantity: 0.0109,
      ts: 1,
    });
    expect(bodyOf(http.to('POST', '/api/v5/trade/amend-algos')[0]!)).toEqual({
      instId: 'BTC-USDT-SWAP',
      algoClOrdId: stopCid,
      newSz: '1.09',
      newSlTriggerPx: '48500',
      newSlOrdPx: '-1',
      newSlTriggerPxType: 'last',
    });
    expect(http.to('POST', '/api/v5/trade/order-algo')).toHaveLength(0);
    expect(http.to('POST', '/api/v5/trade/cancel-algos')).toHaveLength(0);
    expect(amended).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ clientOrderId: stopCid, stopPrice: 48500, quantity: 0.01 }),
    });
  });

  it('lists resting stops (pending conditional algo orders) with the open orders', async () => {
    const { http, exchange } = testVenue('okx', [
      {
        method: 'GET',
        path: '/api/v5/trade/orders-pending',
        answers: [{ body: { code: '0', msg: '', data: [] } }],
      },
      {
        method: 'GET',
        path: '/api/v5/trade/orders-algo-pending',
        answers: [{ body: algoAnswer({}) }],
      },
    ]);
    const open = await exchange.openOrders('BTC/USDT:USDT');
    expect(queryOf(http.to('GET', '/api/v5/trade/orders-algo-pending')[0]!)).toEqual(
      expect.objectContaining({ instId: 'BTC-USDT-SWAP', ordType: 'conditional' }),
    );
    expect(open).toEqual({
      _tag: 'Right',
      right: [
        expect.objectContaining({ clientOrderId: stopCid, type: 'STOP', stopPrice: 48000.1 }),
      ],
    });
  });
});
