import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  type Engine,
  type EventStore,
  type Exchange,
  type OrderRequest,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });

const order = (overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId: 'o-1',
  ts: 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [
    { price: 105, sizePct: 40 },
    { price: 110, sizePct: 35 },
    { price: 120, sizePct: 25 },
  ],
  stopLoss: { price: 95 },
  trailing: { callbackRate: 0.02 },
  breakEven: true,
  ...overrides,
});

const types = (events: readonly StoredEvent[]): string[] => events.map((e) => e.type);

const started = async (
  store: EventStore,
  exchange: Exchange = getPaperExchange(),
): Promise<Engine> => {
  const engine = createEngine({ store, exchange });
  await engine.start();
  return engine;
};

/** The paper exchange, recording every request the engine sends it. */
const recordingExchange = (): Exchange & { readonly requests: OrderRequest[] } => {
  const paper = getPaperExchange();
  const requests: OrderRequest[] = [];
  return {
    ...paper,
    requests,
    place: (request) => {
      requests.push(request);
      return paper.place(request);
    },
  };
};

describe('engine with the paper exchange', () => {
  it('fills a market entry at the first tick at or after creation, at that tick’s price', async () => {
    const store = getInMemoryEventStore();
    const engine = await started(store);
    await engine.process({ commands: [order()] });
    const { events } = await engine.tick(tick(10, 100));
    expect(types(events)).toEqual(['EntryFilled', 'TrailingArmed']);
    expect(events[0]?.data).toMatchObject({
      price: 100,
      quantity: 1,
      takeProfitQuantities: [0.4, 0.35, 0.25],
    });
  });

  it('fills a limit entry at its limit when the price reaches it, and a gapped TP at the better tick price', async () => {
    const store = getInMemoryEventStore();
    const engine = await started(store);
    await engine.process({
      commands: [order({ entry: { type: 'LIMIT', price: 99 } })],
      tick: tick(5, 100),
    });
    const filled = await engine.tick(tick(10, 98.5));
    expect(filled.events[0]).toMatchObject({ type: 'EntryFilled', data: { price: 99 } });
    const gap = await engine.tick(tick(20, 106));
    expect(types(gap.events)).toEqual([
      'TrailingRaised',
      'TpTriggered',
      'TpFilled',
      'BreakEvenMoved',
    ]);
    expect(gap.events.find((e) => e.type === 'TpFilled')?.data).toMatchObject({
      level: 1,
      price: 106,
      quantity: 0.4,
    });
  });

  it('runs the worked example: trailing 2 % from 100, mark 110, stop 107.8, fires at 107', async () => {
    const store = getInMemoryEventStore();
    const engine = await started(store);
    await engine.process({
      commands: [order({ takeProfits: [{ price: 130, sizePct: 100 }], breakEven: false })],
    });
    await engine.tick(tick(10, 100));
    const raised = await engine.tick(tick(20, 110));
    expect(raised.events.map((e) => e.data)).toEqual([{ mark: 110, stopPrice: 107.8 }]);
    const fired = await engine.tick(tick(30, 107));
    expect(types(fired.events)).toEqual([
      'StopLossTriggered',
      'OcoCancelled',
      'StopLossFilled',
      'SmartOrderStopped',
    ]);
    expect(fired.events[0]?.data).toMatchObject({
      kind: 'TRAILING_STOP',
      stopPrice: 107.8,
      price: 107,
      quantity: 1,
    });
    expect(fired.events[2]?.data).toMatchObject({ price: 107, quantity: 1 });
    expect(engine.openOrderCount).toBe(0);
  });

  it('applies slippage against the taker on market fills', async () => {
    const store = getInMemoryEventStore();
    const engine = await started(store, getPaperExchange({ slippageBps: 10 }));
    await engine.process({ commands: [order()] });
    const { events } = await engine.tick(tick(10, 100));
    expect(events[0]?.data).toMatchObject({ price: 100.1 });
  });

  it('appends every event of one tick in one transaction (group commit)', async () => {
    const store = getInMemoryEventStore();
    let batches = 0;
    const counting: EventStore = {
      ...store,
      appendBatch: (a, c) => ((batches += 1), store.appendBatch(a, c)),
    };
    const engine = await started(counting);
    await engine.process({
      commands: [
        order({ orderId: 'a' }),
        order({ orderId: 'b' }),
        order({
          orderId: 'c',
          side: 'SELL',
          takeProfits: [{ price: 90, sizePct: 100 }],
          stopLoss: { price: 104 },
        }),
      ],
    });
    batches = 0;
    const { events } = await engine.tick(tick(10, 100));
    expect(new Set(events.map((e) => e.orderId))).toEqual(new Set(['a', 'b', 'c']));
    expect(batches).toBe(1);
  });

  it('refuses a plan command with a typed error and appends nothing', async () => {
    const store = getInMemoryEventStore();
    const engine = await started(store);
    await engine.process({ commands: [order()], tick: tick(10, 100) });
    const before = (await store.readAll(0)).length;
    const result = await engine.submit({
      type: 'ModifyStopLoss',
      orderId: 'o-1',
      ts: 20,
      price: 101,
    });
    expect(result).toMatchObject({ _tag: 'Left', left: { code: 'INVALID_STOP_PRICE' } });
    expect((await store.readAll(0)).length).toBe(before);
  });
});

describe('engine recovery', () => {
  it('resumes monitoring after a restart with the trailing mark restored', async () => {
    const store = getInMemoryEventStore();
    const first = await started(store);
    await first.process({
      commands: [order({ takeProfits: [{ price: 130, sizePct: 100 }], breakEven: false })],
    });
    await first.tick(tick(10, 100));
    await first.tick(tick(20, 110));
    await first.stop();

    const second = await started(store);
    expect(second.view('o-1')).toMatchObject({
      status: 'ACTIVE',
      trailing: { mark: 110, stopPrice: 107.8 },
      effectiveStop: { price: 107.8, kind: 'TRAILING_STOP' },
    });
    expect((await second.tick(tick(30, 108))).events).toEqual([]);
    const fired = await second.tick(tick(40, 107.8));
    expect(fired.events[0]).toMatchObject({
      type: 'StopLossTriggered',
      data: { kind: 'TRAILING_STOP', stopPrice: 107.8 },
    });
  });

  it('re-sends a resting entry after a restart with the same client order id, once', async () => {
    const store = getInMemoryEventStore();
    const first = await started(store);
    await first.process({
      commands: [order({ entry: { type: 'LIMIT', price: 90 }, stopLoss: { price: 85 } })],
      tick: tick(5, 100),
    });
    await first.stop();
    const created = (await store.readStream('smart-order-o-1'))[0]?.data as {
      entryClientOrderId: string;
    };
    const exchange = recordingExchange();
    const second = await started(store, exchange);
    await second.stop();
    expect(exchange.requests.map((r) => r.clientOrderId)).toEqual([created.entryClientOrderId]);
    expect(exchange.requests[0]).toMatchObject({
      type: 'LIMIT',
      price: 90,
      quantity: 1,
      reduceOnly: false,
    });
  });

  it('never double-applies a trigger when a second writer wins the race', async () => {
    const store = getInMemoryEventStore();
    const setup = await started(store);
    await setup.process({ commands: [order({ trailing: undefined, breakEven: false })] });
    await setup.tick(tick(10, 100));
    await setup.stop();

    const exchangeA = recordingExchange();
    const exchangeB = recordingExchange();
    const a = await started(store, exchangeA);
    const b = await started(store, exchangeB);
    const [ra, rb] = await Promise.all([a.tick(tick(20, 105)), b.tick(tick(20, 105))]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const triggered = [...ra.events, ...rb.events].filter((e) => e.type === 'TpTriggered');
    expect(triggered).toHaveLength(1);
    const sent = [...exchangeA.requests, ...exchangeB.requests].filter((r) => r.reduceOnly);
    expect(sent).toHaveLength(1);
    const stream = await store.readStream('smart-order-o-1');
    expect(stream.filter((e) => e.type === 'TpTriggered')).toHaveLength(1);
  });
});
