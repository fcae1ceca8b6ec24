import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  type Exchange,
  type OrderRequest,
  type StoredEvent,
  watchAccount,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const GHOST = 'ETH/USDT';
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });

const order = (orderId: string, ts: number): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId,
  ts,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 150, sizePct: 100 }],
  stopLoss: { price: 50 },
});

/**
 * The paper book behind the live path (no in-batch matching), so that the engine's start runs
 * the reconciliation gate; the test matches the book itself, as a venue would.
 */
const liveStylePaper = () => {
  const paper = getPaperExchange();
  const requests: OrderRequest[] = [];
  const { matchTick, ...rest } = paper;
  const live: Exchange = {
    ...rest,
    place: (request) => {
      requests.push(request);
      return paper.place(request);
    },
  };
  if (matchTick === undefined) throw new Error('the paper venue matches ticks');
  // The test plays the venue's market itself; a manual order reaches the book at once.
  const venue = {
    match: matchTick,
    submit: (request: OrderRequest) => void paper.place(request),
  };
  return { live, venue, requests };
};

describe('the reconciliation gate and a HALTED account (engine, live path)', () => {
  it('a ghost position halts at start; HALTED refuses entries and lets the stop loss exit', async () => {
    const store = getInMemoryEventStore();
    const { live, venue, requests } = liveStylePaper();
    const account = { id: 'gate', risk: {}, symbols: [SYMBOL, GHOST], heartbeatMs: 60_000 };
    const first = createEngine({ store, exchange: live, account });
    await first.start();
    expect(first.account()?.gate).toBe('OPEN');
    await first.process({ commands: [order('long', 1_000)], tick: tick(1_000, 100) });
    // Stopping waits for the entry to reach the book; the reports of its fill still go in.
    await first.stop();
    await first.process({ reports: venue.match(tick(1_100, 100)) });
    expect(first.account()?.positions[SYMBOL]?.quantity).toBe(1);
    await first.stop();

    // Bought by hand while the engine was away: the log knows nothing of it.
    venue.submit({
      clientOrderId: 'by-hand',
      orderId: 'by-hand',
      symbol: GHOST,
      side: 'BUY',
      type: 'MARKET',
      quantity: 3,
      triggerPrice: 2_000,
      reduceOnly: false,
      ts: 1_200,
    });
    const log: StoredEvent[] = [];
    const second = createEngine({ store, exchange: live, account });
    second.events$.subscribe((e) => log.push(e));
    await second.start();
    const diverged = log.find((e) => e.type === 'ReconciliationDiverged');
    expect(diverged?.data).toMatchObject({
      reason: 'START',
      halted: true,
      differences: [{ kind: 'UNKNOWN_POSITION', symbol: GHOST, expected: 0, actual: 3 }],
    });
    expect(second.account()?.tradingState).toBe('HALTED');

    const sentBefore = requests.length;
    const refused = await second.process({
      commands: [order('more', 2_000)],
      tick: tick(2_000, 100),
    });
    expect(refused.rejections.map((r) => r.error.code)).toEqual(['TRADING_HALTED']);
    const stopped = await second.process({ tick: tick(3_000, 49) });
    expect(stopped.events.map((e) => e.type)).toContain('StopLossTriggered');
    await second.stop();
    expect(requests.slice(sentBefore)).toEqual([
      expect.objectContaining({ symbol: SYMBOL, side: 'SELL', reduceOnly: true, quantity: 1 }),
    ]);
  });

  it('holds the requests of triggers that fire during a reconciliation until the gate opens', async () => {
    const store = getInMemoryEventStore();
    const { live, venue, requests } = liveStylePaper();
    const engine = createEngine({
      store,
      exchange: live,
      account: { id: 'held', symbols: [SYMBOL], heartbeatMs: 60_000 },
    });
    await engine.start();
    await engine.process({ commands: [order('long', 1_000)], tick: tick(1_000, 100) });
    await engine.stop();
    await engine.process({ reports: venue.match(tick(1_100, 100)) });
    // A reconnect: the gate closes while the stop fires.
    await engine.process({
      accountCommands: [{ type: 'StartReconciliation', ts: 1_200, reason: 'RECONNECT' }],
    });
    const sent = requests.length;
    const fired = await engine.process({ tick: tick(1_300, 49) });
    expect(fired.events.map((e) => e.type)).toContain('StopLossTriggered');
    await engine.stop();
    expect(requests.length).toBe(sent);
    const position = [{ symbol: SYMBOL, quantity: 1 }];
    await engine.process({
      accountCommands: [
        {
          type: 'ReconcileWith',
          ts: 1_400,
          policy: 'HALT',
          expected: { positions: position, workingOrders: [] },
          actual: { positions: position, workingOrders: [] },
        },
      ],
    });
    await engine.stop();
    expect(requests.slice(sent)).toEqual([
      expect.objectContaining({ side: 'SELL', reduceOnly: true, quantity: 1 }),
    ]);
  });

  it('CANCEL_ORPHANS cancels an order placed by hand, compares again, and opens the gate', async () => {
    const store = getInMemoryEventStore();
    const { live, venue } = liveStylePaper();
    venue.submit({
      clientOrderId: 'by-hand',
      orderId: 'by-hand',
      symbol: SYMBOL,
      side: 'BUY',
      type: 'LIMIT',
      quantity: 1,
      price: 10,
      reduceOnly: false,
      ts: 500,
    });
    const engine = createEngine({
      store,
      exchange: live,
      account: {
        id: 'orphans',
        symbols: [SYMBOL],
        heartbeatMs: 60_000,
        reconciliationPolicy: 'CANCEL_ORPHANS',
      },
    });
    const log: StoredEvent[] = [];
    engine.events$.subscribe((e) => log.push(e));
    await engine.start();
    // A start holding nothing records the account's balance baseline (SEMANTICS §7 v2).
    expect(log.map((e) => e.type)).toEqual([
      'HeartbeatRecorded',
      'ReconciliationStarted',
      'BalanceBaselineRecorded',
      'ReconciliationDiverged',
      'OrphanCancelRequested',
      'ReconciliationCompleted',
    ]);
    expect(log.find((e) => e.type === 'ReconciliationDiverged')?.data).toMatchObject({
      halted: false,
      differences: [{ kind: 'ORPHANED_ORDER', clientOrderId: 'by-hand' }],
    });
    const found = await live.lookup('by-hand', SYMBOL);
    expect(found._tag === 'Right' ? found.right?.status : null).toBe('CANCELED');
    expect(engine.account()?.tradingState).toBe('ACTIVE');
    await engine.stop();
  });

  it('a clean start completes the reconciliation and lets entries through', async () => {
    const store = getInMemoryEventStore();
    const { live } = liveStylePaper();
    const engine = createEngine({
      store,
      exchange: live,
      account: { id: 'clean', symbols: [SYMBOL], heartbeatMs: 60_000 },
    });
    const log: StoredEvent[] = [];
    engine.events$.subscribe((e) => log.push(e));
    await engine.start();
    expect(log.map((e) => e.type)).toEqual([
      'HeartbeatRecorded',
      'ReconciliationStarted',
      'BalanceBaselineRecorded',
      'ReconciliationCompleted',
    ]);
    const created = await engine.process({
      commands: [order('ok', 1_000)],
      tick: tick(1_000, 100),
    });
    expect(created.rejections).toEqual([]);
    await engine.stop();
  });
});

describe('the watchdog (in process, on the live path)', () => {
  it('acts only on stale heartbeats, flattens through its own connection, and the restarted engine cancels what it left open', async () => {
    const store = getInMemoryEventStore();
    const { live, venue } = liveStylePaper();
    const account = { id: 'watched', risk: {}, symbols: [SYMBOL], heartbeatMs: 60_000 };
    const first = createEngine({ store, exchange: live, account });
    await first.start();
    await first.process({ commands: [order('long', 1_000)], tick: tick(1_000, 100) });
    await first.stop();
    await first.process({ reports: venue.match(tick(1_100, 100)) });
    await first.stop();
    const lastBeat = first.account()?.lastHeartbeatTs ?? 0;

    let clock = lastBeat + 1_000;
    const recorded: StoredEvent[] = [];
    const watchdog = watchAccount({
      store,
      exchange: live,
      accountId: 'watched',
      maxSilenceMs: 2_000,
      now: () => clock,
      onEvents: (events) => recorded.push(...events),
    });
    expect(await watchdog.check()).toBe('FRESH');
    clock = lastBeat + 2_000;
    expect(await watchdog.check()).toBe('FRESH');
    expect(recorded).toEqual([]);
    clock = lastBeat + 2_001;
    expect(await watchdog.check()).toBe('FLATTENING');
    expect(recorded.map((e) => e.type)).toEqual([
      'KillSwitchTripped',
      'TradingStateChanged',
      'FlattenRequested',
      'FlattenExitRequested',
      'WorkingOrderAdded',
    ]);
    expect(recorded[0]?.data).toMatchObject({ reason: 'HEARTBEAT_LOST' });
    // The venue fills the exit at its next trade; the watchdog confirms only then.
    expect(await watchdog.check()).toBe('FLATTENING');
    venue.match(tick(1_200, 99));
    expect(await watchdog.check()).toBe('FLAT');
    expect(recorded.map((e) => e.type)).toContain('FlattenConfirmed');
    const held = await live.positions();
    expect(held._tag === 'Right' ? held.right.filter((p) => p.quantity !== 0) : null).toEqual([]);

    const second = createEngine({ store, exchange: live, account });
    await second.start();
    await second.stop();
    expect(second.account()?.tradingState).toBe('HALTED');
    expect(second.openOrders()).toEqual([]);
  });
});

describe("the symbol's step (live path)", () => {
  it('takes dust below one step as flat: the reconciliation completes and the flatten sells whole steps and confirms', async () => {
    const store = getInMemoryEventStore();
    const { live, venue, requests } = liveStylePaper();
    const account = { id: 'dust', symbols: [SYMBOL], heartbeatMs: 60_000, flattenPollMs: 5 };
    const stepped = {
      ...order('long', 1_000),
      market: { tickSize: 0.01, stepSize: 0.001, minQty: 0.001 },
    };
    const first = createEngine({ store, exchange: live, account });
    await first.start();
    await first.process({ commands: [stepped], tick: tick(1_000, 100) });
    await first.stop();
    await first.process({ reports: venue.match(tick(1_100, 100)) });
    await first.stop();
    // 0.0004 more than the log knows: less than one step.
    venue.submit({
      clientOrderId: 'dust',
      orderId: 'dust',
      symbol: SYMBOL,
      side: 'BUY',
      type: 'MARKET',
      quantity: 0.0004,
      triggerPrice: 100,
      reduceOnly: false,
      ts: 1_150,
    });
    const log: StoredEvent[] = [];
    const second = createEngine({ store, exchange: live, account });
    second.events$.subscribe((e) => log.push(e));
    await second.start();
    expect(log.map((e) => e.type)).toContain('ReconciliationCompleted');
    await second.process({
      accountCommands: [{ type: 'TripKillSwitch', ts: 1_200, reason: 'MANUAL', detail: 'drill' }],
    });
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 200 && !what(); i++) await new Promise((r) => setTimeout(r, 5));
      return what();
    };
    expect(await until(() => requests.some((r) => r.clientOrderId.startsWith('sok')))).toBe(true);
    expect(requests.find((r) => r.clientOrderId.startsWith('sok'))).toMatchObject({
      side: 'SELL',
      quantity: 1,
      reduceOnly: true,
    });
    await second.process({ reports: venue.match(tick(1_300, 100)) });
    expect(await until(() => log.some((e) => e.type === 'FlattenConfirmed'))).toBe(true);
    await second.stop();
    const held = await live.positions();
    expect(held._tag === 'Right' ? held.right : null).toEqual([
      { symbol: SYMBOL, quantity: expect.closeTo(0.0004, 10) },
    ]);
  });
});
