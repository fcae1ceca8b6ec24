import { bodyOf } from '../testing/fakeHttp';
import { testVenue } from '../testing/testVenue';
import { wireClientOrderId } from '../wireClientOrderId';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
const wire = (wireClientOrderId('kraken', cid) as { right: string }).right;
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
const closed = {
  refid: null,
  userref: 0,
  cl_ord_id: wire,
  status: 'closed',
  opentm: 1_700_000_000.1,
  closetm: 1_700_000_000.2,
  starttm: 0,
  expiretm: 0,
  descr: {
    pair: 'XBTUSDT',
    type: 'buy',
    ordertype: 'limit',
    price: '50000.1',
    price2: '0',
    leverage: 'none',
    order: 'buy 0.01234560 XBTUSDT @ limit 50000.1',
    close: '',
  },
  vol: '0.01234560',
  vol_exec: '0.01234560',
  cost: '617.28',
  fee: '1.0',
  price: '50000.1',
  stopprice: '0',
  limitprice: '0',
  misc: '',
  oflags: 'fciq',
};
const empty = (key: 'open' | 'closed') => ({ error: [], result: { [key]: {}, count: 0 } });

describe('kraken through ccxt', () => {
  it('packs the id into a UUID for cl_ord_id and gives the order a deadline', async () => {
    const { http, exchange } = testVenue(
      'kraken',
      [
        {
          method: 'POST',
          path: '/0/private/AddOrder',
          answers: [
            {
              body: {
                error: [],
                result: {
                  descr: { order: 'buy 0.01234560 XBTUSDT @ limit 50000.1' },
                  txid: ['OUF4EM-FRGI2-MQMWZD'],
                },
              },
            },
          ],
        },
      ],
      { now: () => now },
    );
    const placed = await exchange.place(limitBuy);
    expect(wire).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bodyOf(http.to('POST', '/0/private/AddOrder')[0]!)).toEqual(
      expect.objectContaining({
        pair: 'XBTUSDT',
        type: 'buy',
        ordertype: 'limit',
        volume: '0.0123456',
        price: '50000.1',
        cl_ord_id: wire,
        deadline: new Date(now + 5000).toISOString(),
      }),
    );
    expect(placed).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: 'OUF4EM-FRGI2-MQMWZD',
      }),
    });
  });

  it('looks up by cl_ord_id among open, then closed orders (never QueryOrders, where ccxt sends it as userref)', async () => {
    const { http, exchange } = testVenue('kraken', [
      { method: 'POST', path: '/0/private/OpenOrders', answers: [{ body: empty('open') }] },
      {
        method: 'POST',
        path: '/0/private/ClosedOrders',
        answers: [
          { body: { error: [], result: { closed: { 'OUF4EM-FRGI2-MQMWZD': closed }, count: 1 } } },
        ],
      },
    ]);
    const found = await exchange.lookup(cid, 'BTC/USDT', now);
    expect(bodyOf(http.to('POST', '/0/private/OpenOrders')[0]!)).toEqual(
      expect.objectContaining({ cl_ord_id: wire }),
    );
    expect(bodyOf(http.to('POST', '/0/private/ClosedOrders')[0]!)).toEqual(
      expect.objectContaining({ cl_ord_id: wire, start: String(now / 1000) }),
    );
    expect(http.to('POST', '/0/private/QueryOrders')).toHaveLength(0);
    expect(found).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({
        clientOrderId: cid,
        exchangeOrderId: 'OUF4EM-FRGI2-MQMWZD',
        status: 'FILLED',
        filledQuantity: 0.0123456,
      }),
    });
  });

  it('answers null when neither list has the cl_ord_id', async () => {
    const { exchange } = testVenue('kraken', [
      { method: 'POST', path: '/0/private/OpenOrders', answers: [{ body: empty('open') }] },
      { method: 'POST', path: '/0/private/ClosedOrders', answers: [{ body: empty('closed') }] },
    ]);
    expect(await exchange.lookup(cid, 'BTC/USDT', now)).toEqual({ _tag: 'Right', right: null });
  });

  it('cancels by cl_ord_id', async () => {
    const { http, exchange } = testVenue(
      'kraken',
      [
        {
          method: 'POST',
          path: '/0/private/CancelOrder',
          answers: [{ body: { error: [], result: { count: 1 } } }],
        },
        { method: 'POST', path: '/0/private/OpenOrders', answers: [{ body: empty('open') }] },
        {
          method: 'POST',
          path: '/0/private/ClosedOrders',
          answers: [
            {
              body: {
                error: [],
                result: {
                  closed: {
                    'OUF4EM-FRGI2-MQMWZD': { ...closed, status: 'canceled', vol_exec: '0' },
                  },
                  count: 1,
                },
              },
            },
          ],
        },
      ],
      { now: () => now },
    );
    const cancelled = await exchange.cancel(cid, 'BTC/USDT');
    const body = bodyOf(http.to('POST', '/0/private/CancelOrder')[0]!);
    expect(body).toEqual(expect.objectContaining({ cl_ord_id: wire }));
    expect(body).not.toHaveProperty('txid');
    expect(cancelled).toEqual({
      _tag: 'Right',
      right: expect.objectContaining({ status: 'CANCELED', filledQuantity: 0 }),
    });
  });
});
