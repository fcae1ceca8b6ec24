import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  type Engine,
  type Exchange,
  type OrderRequest,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

/**
 * The exit plans of SEMANTICS §8 that decide on the entry and on time (§8.3 trailing entry,
 * §8.4 entry ladder, §8.6 time limits), through the engine and the paper exchange.
 */
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
    { price: 150, sizePct: 50 },
    { price: 160, sizePct: 50 },
  ],
  stopLoss: { price: 50 },
  ...overrides,
});

const types = (events: readonly StoredEvent[]): string[] => events.map((e) => e.type);

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

const engineWith = async (
  exchange: Exchange,
  timer?: Parameters<typeof createEngine>[0]['timer'],
): Promise<{ engine: Engine; all: StoredEvent[] }> => {
  const engine = createEngine({
    store: getInMemoryEventStore(),
    exchange,
    ...(timer === undefined ? {} : { timer }),
  });
  const all: StoredEvent[] = [];
  engine.events$.subscribe((e) => all.push(e));
  await engine.start();
  return { engine, all };
};

describe('trailing entry through the engine (SEMANTICS §8.3)', () => {
  it('sends nothing at creation, then one market entry when the price has turned up from its low, filled at that tick', async () => {
    const exchange = recordingExchange();
    const { engine, all } = await engineWith(exchange);
    await engine.process({
      commands: [order({ entry: { type: 'TRAILING', callbackRate: 0.02 }, referencePrice: 100 })],
    });
    expect(exchange.requests).toEqual([]);
    for (const [ts, price] of [
      [10, 100],
      [11, 95],
      [12, 96.8],
    ] as const)
      await engine.tick(tick(ts, price));
    expect(exchange.requests).toEqual([]);
    await engine.tick(tick(13, 97));
    expect(exchange.requests).toMatchObject([{ type: 'MARKET', side: 'BUY', quantity: 1, ts: 13 }]);
    expect(types(all)).toEqual([
      'SmartOrderCreated',
      'EntryTrailArmed',
      'EntryTrailMoved',
      'EntryTriggered',
      'EntryFilled',
    ]);
    expect(all[4]?.data).toMatchObject({ price: 97, quantity: 1 });
    expect(engine.view('o-1')?.status).toBe('ACTIVE');
    await engine.stop();
  });
});

describe('entry ladder through the engine (SEMANTICS §8.4)', () => {
  it('places every level at creation, fills them on their own, and cancels the rest at the first take-profit fill', async () => {
    const exchange = recordingExchange();
    const { engine, all } = await engineWith(exchange);
    const { entry: _one, ...rest } = order({
      takeProfits: [
        { price: 105, sizePct: 50 },
        { price: 110, sizePct: 50 },
      ],
      stopLoss: { price: 90 },
    });
    await engine.process({
      commands: [
        {
          ...rest,
          entries: [
            { type: 'MARKET', sizePct: 50 },
            { price: 98, sizePct: 30 },
            { price: 96, sizePct: 20 },
          ],
        },
      ],
      tick: tick(5, 100),
    });
    expect(exchange.requests).toMatchObject([
      { type: 'MARKET', quantity: 0.5 },
      { type: 'LIMIT', price: 98, quantity: 0.3 },
      { type: 'LIMIT', price: 96, quantity: 0.2 },
    ]);
    await engine.tick(tick(10, 100));
    await engine.tick(tick(11, 97.5));
    expect(engine.view('o-1')?.entryPrice).toBe(99.25);
    await engine.tick(tick(12, 105));
    expect(types(all)).toEqual([
      'SmartOrderCreated',
      'EntryFilled',
      'EntryFilled',
      'TpTriggered',
      'TpFilled',
      'EntriesCancelled',
      'ExchangeOrderCancelled',
    ]);
    expect(all[2]?.data).toMatchObject({ level: 2, price: 98, averagePrice: 99.25 });
    expect(all[5]?.data).toMatchObject({ levels: [3], reason: 'TP_FILLED' });
    await engine.stop();
  });
});

describe('entry ladder after a restart (SEMANTICS §6, §8.4)', () => {
  it('a restarted engine finds the resting levels by their client order ids and sends none again, then fills them', async () => {
    const store = getInMemoryEventStore();
    const paper = getPaperExchange();
    const { entry: _one, ...rest } = order({ stopLoss: { price: 90 } });
    const first = createEngine({ store, exchange: paper });
    await first.start();
    await first.process({
      commands: [
        {
          ...rest,
          referencePrice: 100,
          entries: [
            { price: 98, sizePct: 50 },
            { price: 96, sizePct: 50 },
          ],
        },
      ],
    });
    await first.stop();
    const again: OrderRequest[] = [];
    const second = createEngine({
      store,
      exchange: { ...paper, place: (r) => (again.push(r), paper.place(r)) },
    });
    await second.start();
    expect(again).toEqual([]);
    await second.tick(tick(10, 97));
    await second.tick(tick(11, 95));
    expect(second.view('o-1')).toMatchObject({ status: 'ACTIVE', entryPrice: 97 });
    await second.stop();
  });
});

describe('time limits through the engine (SEMANTICS §8.6)', () => {
  it('a limit entry cannot fill on the tick that finds its timeout passed: the entry is cancelled before the book meets that tick', async () => {
    const { engine, all } = await engineWith(getPaperExchange());
    await engine.process({
      commands: [
        order({ entry: { type: 'LIMIT', price: 99 }, timeLimits: { entryTimeoutMs: 1000 } }),
      ],
    });
    await engine.tick(tick(500, 100));
    await engine.tick(tick(1001, 98));
    expect(types(all)).toEqual([
      'SmartOrderCreated',
      'OcoCancelled',
      'CancelRequested',
      'ExchangeOrderCancelled',
      'SmartOrderCancelled',
    ]);
    expect(all[4]?.data).toMatchObject({ reason: 'ENTRY_TIMEOUT', flatten: false });
    await engine.stop();
  });

  it('a position still open at its time limit is exited at market on the first tick past it', async () => {
    const { engine, all } = await engineWith(getPaperExchange());
    await engine.process({ commands: [order({ timeLimits: { positionTimeLimitMs: 60_000 } })] });
    await engine.tick(tick(10, 100));
    await engine.tick(tick(30_000, 101));
    expect(engine.view('o-1')?.status).toBe('ACTIVE');
    await engine.tick(tick(60_010, 102));
    expect(types(all).slice(2)).toEqual([
      'TimeLimitReached',
      'StopLossTriggered',
      'OcoCancelled',
      'StopLossFilled',
      'SmartOrderStopped',
    ]);
    expect(all[2]?.data).toEqual({ deadline: 60_010 });
    expect(all[5]?.data).toMatchObject({ price: 102, quantity: 1 });
    expect(all[6]?.data).toMatchObject({ kind: 'TIME_LIMIT' });
    await engine.stop();
  });

  it('a live engine keeps time on a quiet market: its timer submits the clock as a Timer, and the position is exited at the last price', async () => {
    let now = 0;
    const { engine, all } = await engineWith(getPaperExchange(), {
      intervalMs: 5,
      now: () => now,
    });
    await engine.process({ commands: [order({ timeLimits: { positionTimeLimitMs: 60_000 } })] });
    await engine.tick(tick(10, 100));
    now = 59_000;
    await new Promise((r) => setTimeout(r, 50));
    expect(engine.view('o-1')?.status).toBe('ACTIVE');
    now = 60_010;
    const deadline = Date.now() + 5_000;
    while (engine.view('o-1') !== undefined && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
    expect(types(all).slice(2)).toEqual([
      'TimeLimitReached',
      'StopLossTriggered',
      'OcoCancelled',
      'StopLossFilled',
      'SmartOrderStopped',
    ]);
    expect(all[2]).toMatchObject({ ts: 60_010, data: { deadline: 60_010 } });
    expect(all[3]?.data).toMatchObject({ kind: 'TIME_LIMIT', price: 100, stopPrice: null });
    await engine.stop();
  });

  it('a replay engine (an exchange that matches ticks) runs no timer: its time is the ticks’', async () => {
    let looked = 0;
    const { engine, all } = await engineWith(getPaperExchange());
    await engine.process({ commands: [order({ timeLimits: { positionTimeLimitMs: 10 } })] });
    await engine.tick(tick(10, 100));
    await new Promise((r) => setTimeout(r, 1_200));
    looked = all.length;
    expect(types(all)).toEqual(['SmartOrderCreated', 'EntryFilled']);
    await engine.tick(tick(21, 100));
    expect(all.length).toBeGreaterThan(looked);
    await engine.stop();
  });
});
