import { foldedLog } from './bookSnapshot';
import { Subject } from 'rxjs';
import type { CreateSmartOrder, OrderView, Tick } from '@smart-orders/core';
import { createMarketDataWatch, type MarketDataWatch } from './account/marketDataWatch';
import { createMarketPrices } from './marketPrices';
import { createOpenOrderBook } from './openOrderBook';
import type { StoredEvent } from './ports/eventStore';
import type { NativeStopSupport } from './ports/exchange';
import type { UnitContext, UnitOutcome } from './runUnit';
import { getInMemoryEventStore } from './stores/memoryEventStore';
import { createWorkRunner } from './workRunner';
import { createWorkQueue } from './workQueue';

const tick: Tick = { type: 'Tick', symbol: 'BTC/USDT', ts: 10, price: 100 };
const create = (overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId: 'o-1',
  ts: 1,
  exchange: 'venue',
  symbol: 'BTC/USDT',
  side: 'BUY',
  quantity: 1,
  entry: { type: 'LIMIT', price: 90 },
  takeProfits: [{ price: 105, sizePct: 100 }],
  stopLoss: { price: 85 },
  ...overrides,
});

/**
 * A runner on the engine's real parts (open-order book, in-memory store, work queue) for an
 * exchange that trades in real time (no `matchTick`), recording what each unit settled and
 * which ticks the market-data watch saw.
 */
const runnerWith = (nativeStops?: NativeStopSupport) => {
  const settled: UnitOutcome[] = [];
  const seen: Tick[] = [];
  const watch = createMarketDataWatch(10_000);
  const marketData: MarketDataWatch = {
    observe: (t) => {
      seen.push(t);
      watch.observe(t);
    },
    silent: (symbols) => watch.silent(symbols),
  };
  const unit: UnitContext = {
    book: createOpenOrderBook(),
    store: getInMemoryEventStore(),
    prices: createMarketPrices(),
    exchange: {},
    desk: undefined,
    events$: new Subject<StoredEvent>(),
    orders$: new Subject<OrderView>(),
    markets: new Map(),
    warn: () => undefined,
    heldSymbols: () => [],
    maxRetries: 5,
    clock: { now: 0 },
    tickLedgers: new Map(),
    folded: foldedLog(),
  };
  const asked: string[] = [];
  const run = createWorkRunner({
    queue: createWorkQueue(),
    unit,
    exchange: {
      id: 'venue',
      nativeStops:
        nativeStops === undefined
          ? undefined
          : async (symbol) => {
              asked.push(symbol);
              return nativeStops;
            },
    },
    marketData,
    settle: (outcome) => {
      settled.push(outcome);
      return outcome.result;
    },
  });
  return { run, settled, seen, asked, unit };
};

const typesOf = (outcome: UnitOutcome | undefined): string[] =>
  (outcome?.result.events ?? []).map((e) => e.type);

describe('the way in for every piece of work (the work runner)', () => {
  it('commands that arrive with a tick are decided, committed and settled first, then the tick', async () => {
    const { run, settled } = runnerWith();
    const result = await run({ commands: [create()], tick });
    expect(settled).toHaveLength(2);
    expect(typesOf(settled[0])).toContain('SmartOrderCreated');
    expect(settled[0]?.effects.map((e) => e.kind)).toEqual(['place']);
    // The result carries the events of both units, in order.
    expect(result.events.map((e) => e.type)).toEqual([
      ...typesOf(settled[0]),
      ...typesOf(settled[1]),
    ]);
  });

  it('the market-data watch sees every tick that enters, whatever comes with it', async () => {
    const { run, seen } = runnerWith();
    await run({ commands: [create()], tick });
    await run({ tick: { ...tick, ts: 11 } });
    await run({ commands: [{ type: 'Cancel', orderId: 'o-1', ts: 12 }] });
    expect([...new Set(seen.map((t) => t.ts))]).toEqual([10, 11]);
  });

  it('a create that wants a native stop asks the venue before it is decided, and records the answer', async () => {
    const { run, asked } = runnerWith({ mode: 'OFF', reason: 'venue: spot keeps no native stops' });
    const { events } = await run({ commands: [create({ nativeStop: { offsetRate: 0.01 } })] });
    expect(asked).toEqual(['BTC/USDT']);
    const created = events.find((e) => e.type === 'SmartOrderCreated');
    expect((created?.data as CreateSmartOrder).nativeStop).toEqual({
      offsetRate: 0.01,
      mode: 'OFF',
      reason: 'venue: spot keeps no native stops',
    });
  });

  it('a create without a native stop asks the venue nothing', async () => {
    const { run, asked } = runnerWith({ mode: 'AMEND' });
    await run({ commands: [create()] });
    expect(asked).toEqual([]);
  });

  it('a tick that moves nothing is settled as a quiet unit, with nothing appended', async () => {
    const { run, settled, unit } = runnerWith();
    await run({ tick });
    expect(settled).toHaveLength(1);
    expect(settled[0]?.result.events).toEqual([]);
    expect(await unit.store.readAll(0)).toEqual([]);
  });
});
