import { left } from 'fp-ts/Either';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getScriptedExchange } from '@smart-orders/testkit';
import { createEngine, getInMemoryEventStore, orderStream } from '@smart-orders/engine';
import { order, tick, types, venues } from './venues.spec.helper';
import { warningsInto } from './warningsInto.spec.helper';

const pending = (orderId: string, ts: number) =>
  order({ orderId, ts, entry: { type: 'LIMIT', price: 90 }, stopLoss: { price: 85 } });

const entryOf = async (store: ReturnType<typeof getInMemoryEventStore>, orderId: string) => {
  const [created] = await store.readStream(orderStream(orderId));
  return String((created?.data as { entryClientOrderId: string }).entryClientOrderId);
};

describe.each(venues)('a cancel of an entry that is not on %s (SEMANTICS §4 v2)', (_n, venue) => {
  it('an entry held back by a HALTED account is never sent, and cancelling its PENDING order ends it CANCELLED', async () => {
    const store = getInMemoryEventStore();
    const exchange = venue();
    const engine = createEngine({
      store,
      exchange,
      account: { id: 'runaway', risk: { maxOrdersPerMinute: 1 } },
    });
    await engine.start();
    await engine.process({ commands: [pending('o-1', 1)] });
    // The second entry in a minute trips RUNAWAY_ORDERS: committed, held back, then cancelled.
    await engine.process({ commands: [pending('o-2', 2)] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.stop();
    expect(engine.account()?.tradingState).toBe('HALTED');
    for (const id of ['o-1', 'o-2'])
      expect(types(await store.readStream(orderStream(id))).at(-1)).toBe('SmartOrderCancelled');
    expect(engine.openOrderCount).toBe(0);
    const found = await exchange.lookup(await entryOf(store, 'o-2'), 'BTC/USDT');
    expect(found._tag === 'Right' && found.right).toBeNull();
  });
});

describe('a cancel the exchange answers NOT_FOUND', () => {
  it('an entry whose placing was lost is looked up, proven absent, and its PENDING order ends CANCELLED', async () => {
    const store = getInMemoryEventStore();
    const exchange = getScriptedExchange({
      script: (r) => (r.reduceOnly ? {} : { noAnswer: 'LOST' }),
    });
    const warnings: string[] = [];
    const engine = createEngine({ store, exchange, logger: warningsInto(warnings) });
    await engine.start();
    await engine.process({ commands: [pending('o-1', 1)] });
    await engine.process({ commands: [{ type: 'Cancel', orderId: 'o-1', ts: 11 }] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.stop();
    expect(warnings.some((w) => w.includes('outcome unknown'))).toBe(true);
    expect(types(await store.readStream(orderStream('o-1'))).at(-1)).toBe('SmartOrderCancelled');
    expect(engine.openOrderCount).toBe(0);
  });
});

describe('a cancel of an order held while the reconciliation gate is closed', () => {
  it('a native stop placed and then cancelled while held (the managed stop fired) is never sent, not even once the gate opens', async () => {
    const store = getInMemoryEventStore();
    const paper = getPaperExchange();
    let readable = true;
    // While the exchange cannot be read the log cannot be compared with it: the gate stays closed.
    const exchange = {
      ...paper,
      openOrders: (symbol?: string) =>
        readable
          ? paper.openOrders(symbol)
          : Promise.resolve(left({ code: 'NETWORK' as const, message: 'unreachable' })),
    };
    const engine = createEngine({
      store,
      exchange,
      account: { id: 'held', liveProtocols: true, heartbeatMs: 60_000 },
      logger: warningsInto([]),
    });
    await engine.start();
    expect(engine.account()?.gate).toBe('OPEN');
    await engine.process({ commands: [order({ nativeStop: { offsetRate: 0.001 } })] });
    readable = false;
    await engine.reconcileAccount();
    expect(engine.account()?.gate).toBe('RECONCILING');
    await engine.tick(tick(10, 100));
    // The managed stop fires (the market fell through 95): the native stop is to be cancelled.
    await engine.tick(tick(20, 94));
    readable = true;
    await engine.reconcileAccount();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.stop();
    const log = await store.readStream(orderStream('o-1'));
    const placed = log.find((e) => e.type === 'NativeStopPlaced');
    expect(types(log)).toEqual(
      expect.arrayContaining(['EntryFilled', 'NativeStopPlaced', 'NativeStopCancelled']),
    );
    const stop = (placed?.data as { clientOrderId: string }).clientOrderId;
    const found = await paper.lookup(stop, 'BTC/USDT');
    expect(found._tag === 'Right' && found.right).toBeNull();
  });
});
