import {
  decide,
  evolve,
  watchPrices,
  type CreateSmartOrder,
  type OrderState,
  type State,
  type Tick,
} from '@smart-orders/core';
import { createTriggerIndex } from './triggerIndex';

const tick = (price: number, symbol = 'BTC/USDT'): Tick => ({ type: 'Tick', symbol, ts: 1, price });

/** An ACTIVE long with TP at `tp` and stop at `stop`, entry filled at 100. */
const activeLong = (
  orderId: string,
  tp: number,
  stop: number,
  side: 'BUY' | 'SELL' = 'BUY',
): OrderState => {
  const create: CreateSmartOrder = {
    type: 'CreateSmartOrder',
    orderId,
    ts: 1,
    exchange: 'paper',
    symbol: 'BTC/USDT',
    side,
    quantity: 1,
    entry: { type: 'LIMIT', price: 100 },
    takeProfits: [{ price: tp, sizePct: 100 }],
    stopLoss: { price: stop },
  };
  let s: State = null;
  const apply = (r: ReturnType<typeof decide>): void => {
    if (r._tag === 'Left') throw new Error(r.left.message);
    s = r.right.reduce(evolve, s);
  };
  apply(decide(create, s));
  const entryCid = (s as unknown as OrderState).spec.entryClientOrderId;
  apply(
    decide(
      {
        type: 'ExecutionReport',
        orderId,
        ts: 2,
        clientOrderId: entryCid,
        execType: 'TRADE',
        lastPrice: 100,
        cumulativeQuantity: 1,
      },
      s,
    ),
  );
  return s as unknown as OrderState;
};

describe('trigger index', () => {
  const index = createTriggerIndex();
  const orders = [
    activeLong('a', 110, 90),
    activeLong('b', 105, 95),
    activeLong('c', 120, 80),
    activeLong('s', 90, 110, 'SELL'),
  ];
  orders.forEach((s, seq) => index.update(s.spec.orderId, seq, s, watchPrices(s)));

  it('hands out nothing for a tick that moves no order', () => {
    expect(index.take(tick(100))).toEqual([]);
    expect(index.take(tick(100, 'ETH/USDT'))).toEqual([]);
    expect(index.size).toBe(4);
  });

  it('hands out exactly the orders whose thresholds the tick crossed, in creation order, and takes them out', () => {
    expect(index.take(tick(106))).toEqual(['b']);
    expect(index.size).toBe(3);
    expect(index.take(tick(111))).toEqual(['a', 's']);
    expect(index.take(tick(111))).toEqual([]);
  });

  it('watches an order again once it is put back, at its new thresholds', () => {
    const b = orders[1] as OrderState;
    index.update('b', 1, b, { above: 200, below: 50 });
    expect(index.take(tick(106))).toEqual([]);
    expect(index.take(tick(49))).toEqual(['b', 'c']);
  });

  it('forgets a removed order', () => {
    const fresh = createTriggerIndex();
    const a = orders[0] as OrderState;
    fresh.update('a', 0, a, watchPrices(a));
    fresh.remove('a');
    expect(fresh.take(tick(1000))).toEqual([]);
    expect(fresh.size).toBe(0);
  });

  it('stays correct when many thresholds are replaced without surfacing (heap compaction)', () => {
    const fresh = createTriggerIndex();
    const a = orders[0] as OrderState;
    for (let i = 0; i < 5000; i++) fresh.update('a', 0, a, { above: 1000 + i, below: -Infinity });
    expect(fresh.take(tick(5998))).toEqual([]);
    expect(fresh.take(tick(5999))).toEqual(['a']);
  });
});
