import type { Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  replayTicks,
  type EventStore,
  type ReplayPlan,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const prices = [100, 99, 98, 96, 94, 90, 89, 85, 84, 84, 86, 88, 90, 91, 92];
const ticks: Tick[] = prices.map((price, i) => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts: 1_000 * (i + 1),
  price,
}));

const entry = (orderId: string, at: number | null) => ({
  at,
  command: {
    type: 'CreateSmartOrder' as const,
    orderId,
    ts: at ?? 0,
    exchange: 'paper',
    symbol: SYMBOL,
    side: 'BUY' as const,
    quantity: 1,
    entry: { type: 'MARKET' as const },
    takeProfits: [{ price: 150, sizePct: 100 }],
    stopLoss: { price: 20 },
  },
});

const plan: ReplayPlan = { orders: [entry('long', null), entry('later', 12_000)], commands: [] };

const replay = async (store: EventStore, upTo: number) => {
  const engine = createEngine({
    store,
    // Market orders refused from the trip on: the flatten goes on with limits across ticks.
    exchange: getPaperExchange({ rejectMarketOrders: [{ from: 4_500, to: 20_000 }] }),
    account: { id: 'resume', risk: { dailyLossLimit: 5, limitPriceBandBps: 10 } },
  });
  await engine.start();
  await replayTicks({ engine, store, ticks: ticks.slice(0, upTo), plan, checkpointName: 'r' });
  await engine.stop();
};

const logOf = async (store: EventStore) =>
  (await store.readAll(0)).map(({ stream, version, ts, type, data }) => ({
    stream,
    version,
    ts,
    type,
    data,
  }));

describe('a guarded replay stopped after any tick and resumed ends with the same log', () => {
  it('through a trip, a refused market exit, limit exits re-priced over several ticks, and a refused entry', async () => {
    const reference = getInMemoryEventStore();
    await replay(reference, ticks.length);
    const log = await logOf(reference);
    const types = log.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['KillSwitchTripped', 'FlattenRetriedAsLimit', 'FlattenConfirmed']),
    );
    expect(log.filter((e) => e.type === 'FlattenRetriedAsLimit').length).toBeGreaterThan(1);
    expect(log.some((e) => e.stream === 'smart-order-later')).toBe(false);
    for (let stop = 1; stop < ticks.length; stop++) {
      const store = getInMemoryEventStore();
      await replay(store, stop);
      await replay(store, ticks.length);
      expect({ stop, log: await logOf(store) }).toEqual({ stop, log });
    }
  });
});
