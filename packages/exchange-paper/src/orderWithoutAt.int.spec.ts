import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  replayTicks,
  type ReplayPlan,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const T0 = 1_700_000_000_000;
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });

const order: CreateSmartOrder = {
  type: 'CreateSmartOrder',
  orderId: 'o-1',
  ts: 0,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 110, sizePct: 100 }],
  stopLoss: { price: 90 },
};

const replayed = async (plan: ReplayPlan) => {
  const store = getInMemoryEventStore();
  const engine = createEngine({ store, exchange: getPaperExchange() });
  await engine.start();
  const events: StoredEvent[] = [];
  const outcome = await replayTicks({
    engine,
    store,
    ticks: [tick(T0, 100), tick(T0 + 1000, 101)],
    plan,
    checkpointName: 'without-at',
    onEvents: (e) => events.push(...e),
  });
  await engine.stop();
  return { events, outcome };
};

describe('an order without `at` exists before the first tick (CLI.md replay)', () => {
  it('a Cancel timed before the first tick finds it, and it never fills', async () => {
    const { events, outcome } = await replayed({
      orders: [{ at: null, command: order }],
      commands: [{ at: T0 - 10, command: { type: 'Cancel', orderId: 'o-1', ts: 0 } }],
    });
    expect(outcome.rejections).toEqual([]);
    expect(events.map((e) => e.type)).not.toContain('EntryFilled');
    expect(events[events.length - 1]?.type).toBe('SmartOrderCancelled');
    // Its events are in time order: created no later than the command that found it.
    expect(events.map((e) => e.ts)).toEqual([...events.map((e) => e.ts)].sort((a, b) => a - b));
  });

  it('is created at the first tick’s time when nothing is timed before it', async () => {
    const { events } = await replayed({ orders: [{ at: null, command: order }], commands: [] });
    expect(events[0]).toMatchObject({ type: 'SmartOrderCreated', ts: T0 });
    expect(events[1]).toMatchObject({ type: 'EntryFilled', ts: T0 });
  });
});
