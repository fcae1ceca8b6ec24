import type { Order } from 'ccxt';
import { createOrderTracker, ENDED_ORDERS_KEPT } from './orderTracker';
import { wireClientOrderId } from './wireClientOrderId';

const cid = 'sot1r0k3j9x2ab7qfe41mz';
const view = (o: Partial<Order>): Order =>
  ({
    id: '77',
    clientOrderId: cid,
    symbol: 'BTC/USDT',
    status: 'open',
    amount: 0.01,
    filled: 0,
    info: {},
    ...o,
  }) as Order;

const tracked = (contractSize = 1) => {
  const tracker = createOrderTracker('binance', () => contractSize);
  tracker.track({ clientOrderId: cid, wire: cid, symbol: 'BTC/USDT', contractSize, sentAt: 0 });
  return tracker;
};

describe('folding order views into execution reports', () => {
  it('reports NEW once, then each increase of the cumulative quantity as a TRADE with its own price', () => {
    const t = tracked();
    expect(t.observe(view({ lastUpdateTimestamp: 100 }), 0)).toEqual([
      { clientOrderId: cid, symbol: 'BTC/USDT', ts: 100, exchangeOrderId: '77', execType: 'NEW' },
    ]);
    expect(t.observe(view({ lastUpdateTimestamp: 100 }), 0)).toEqual([]);
    expect(
      t.observe(view({ filled: 0.004, cost: 200, average: 50000, lastTradeTimestamp: 200 }), 0),
    ).toEqual([
      {
        clientOrderId: cid,
        symbol: 'BTC/USDT',
        ts: 200,
        exchangeOrderId: '77',
        execType: 'TRADE',
        lastPrice: 50000,
        lastQuantity: 0.004,
        cumulativeQuantity: 0.004,
      },
    ]);
    expect(
      t.observe(
        view({
          status: 'closed',
          filled: 0.01,
          cost: 501.2,
          average: 50120,
          lastTradeTimestamp: 300,
        }),
        0,
      ),
    ).toEqual([
      {
        clientOrderId: cid,
        symbol: 'BTC/USDT',
        ts: 300,
        exchangeOrderId: '77',
        execType: 'TRADE',
        lastPrice: 50200,
        lastQuantity: 0.006,
        cumulativeQuantity: 0.01,
      },
    ]);
    expect(t.observe(view({ status: 'closed', filled: 0.01, cost: 501.2 }), 0)).toEqual([]);
  });

  it('ignores a stale view that shows less than was already reported', () => {
    const t = tracked();
    t.observe(view({ filled: 0.006, cost: 300 }), 0);
    expect(t.observe(view({ filled: 0.004, cost: 200 }), 0)).toEqual([]);
  });

  it('reports a cancel once, with what the order filled', () => {
    const t = tracked();
    t.observe(view({ filled: 0.004, cost: 200 }), 0);
    expect(
      t.observe(
        view({ status: 'canceled', filled: 0.004, cost: 200, lastUpdateTimestamp: 400 }),
        0,
      ),
    ).toEqual([
      {
        clientOrderId: cid,
        symbol: 'BTC/USDT',
        ts: 400,
        exchangeOrderId: '77',
        execType: 'CANCELED',
        cumulativeQuantity: 0.004,
      },
    ]);
    expect(t.observe(view({ status: 'canceled', filled: 0.004 }), 0)).toEqual([]);
    expect(t.working()).toEqual([]);
  });

  it('reports an expired IOC with its partial fill', () => {
    const t = tracked();
    expect(
      t
        .observe(view({ status: 'expired', filled: 0.002, cost: 100, timestamp: 500 }), 0)
        .map((r) => r.execType),
    ).toEqual(['TRADE', 'EXPIRED']);
  });

  it('reports contracts in base quantities', () => {
    const t = tracked(0.01);
    expect(t.observe(view({ symbol: 'BTC/USDT:USDT', filled: 1.23, average: 50000 }), 0)).toEqual([
      expect.objectContaining({
        execType: 'TRADE',
        lastQuantity: 0.0123,
        cumulativeQuantity: 0.0123,
        lastPrice: 50000,
      }),
    ]);
  });

  it("reports the engine's orders it did not place (placed before a restart), and nobody else's", () => {
    const t = createOrderTracker('binance', () => 1);
    expect(t.observe(view({ clientOrderId: 'web_3f6286480b194b07' }), 0)).toEqual([]);
    expect(t.observe(view({}), 0)).toEqual([
      expect.objectContaining({ clientOrderId: cid, execType: 'NEW' }),
    ]);
    const nativeStop = 'son0r3k3j9x2ab7qfe41mz';
    expect(t.observe(view({ id: '78', clientOrderId: nativeStop }), 0)).toEqual([
      expect.objectContaining({ clientOrderId: nativeStop, execType: 'NEW' }),
    ]);
  });

  it('finds an order by its exchange id when an update carries no client order id', () => {
    const t = tracked();
    t.bind(cid, '77');
    expect(t.observe(view({ clientOrderId: undefined, status: 'canceled' }), 0)).toEqual([
      expect.objectContaining({ clientOrderId: cid, execType: 'CANCELED' }),
    ]);
  });

  it("reads kraken's stream orders by cl_ord_id and cum_qty, where ccxt puts order_userref and no fill", () => {
    const t = createOrderTracker('kraken', () => 1);
    const wire = (wireClientOrderId('kraken', cid) as { right: string }).right;
    const krakenView = view({
      clientOrderId: '0',
      filled: undefined,
      average: 50000,
      info: { cl_ord_id: wire, cum_qty: 0.004, order_userref: 0 },
    });
    expect(t.observe(krakenView, 0)).toEqual([
      expect.objectContaining({ clientOrderId: cid, execType: 'TRADE', cumulativeQuantity: 0.004 }),
    ]);
  });
});

describe('what the tracker keeps of ended orders', () => {
  const cidOf = (n: number) => `sot1r${n}k3j9x2ab7qfe41mz`;
  /** `count` orders tracked and filled whole, order n with venue id `n`. */
  const endedOrders = (count: number) => {
    const t = createOrderTracker('binance', () => 1);
    for (let n = 0; n < count; n++) {
      const clientOrderId = cidOf(n);
      t.track({
        clientOrderId,
        wire: clientOrderId,
        symbol: 'BTC/USDT',
        contractSize: 1,
        sentAt: n,
      });
      t.observe(
        view({ id: String(n), clientOrderId, status: 'closed', filled: 0.01, cost: 500 }),
        n,
      );
    }
    return t;
  };

  it(`keeps the last ${ENDED_ORDERS_KEPT.toLocaleString('en')}: a late copy of one of them reports nothing`, () => {
    const t = endedOrders(ENDED_ORDERS_KEPT + 1);
    expect(t.get(cidOf(1))).toBeDefined();
    const last = ENDED_ORDERS_KEPT;
    const lateCopy = view({ id: String(last), clientOrderId: cidOf(last), status: 'closed' });
    expect(t.observe({ ...lateCopy, filled: 0.01, cost: 500 }, 0)).toEqual([]);
    expect(t.observe({ ...lateCopy, clientOrderId: undefined, filled: 0.01 }, 0)).toEqual([]);
  });

  it('forgets the oldest, by client order id and by venue id, as a restart would', () => {
    const t = endedOrders(ENDED_ORDERS_KEPT + 1);
    expect(t.get(cidOf(0))).toBeUndefined();
    // Only its venue id: nobody's order now.
    expect(
      t.observe(view({ id: '0', clientOrderId: undefined, status: 'closed', filled: 0.01 }), 0),
    ).toEqual([]);
    // Its client order id is the engine's: reported, as an order placed before a restart is.
    expect(
      t.observe(view({ id: '0', clientOrderId: cidOf(0), status: 'closed', filled: 0.01 }), 0),
    ).toEqual([expect.objectContaining({ clientOrderId: cidOf(0), execType: 'TRADE' })]);
  });

  it('lists as working only the orders not ended, and every symbol it tracked on', () => {
    const t = endedOrders(3);
    const working = 'sot2r0k3j9x2ab7qfe41mz';
    t.track({
      clientOrderId: working,
      wire: working,
      symbol: 'ETH/USDT',
      contractSize: 1,
      sentAt: 0,
    });
    expect(t.working().map((o) => o.clientOrderId)).toEqual([working]);
    expect(t.working('BTC/USDT')).toEqual([]);
    expect(t.symbols()).toEqual(['BTC/USDT', 'ETH/USDT']);
  });
});
