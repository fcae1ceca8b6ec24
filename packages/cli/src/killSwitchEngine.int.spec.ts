import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  type Engine,
  type EngineAccount,
  type EventStore,
  type Exchange,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { runCli } from './testing/runCli';

const SYMBOL = 'BTC/USDT';

const order = (orderId: string, overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId,
  ts: Date.now(),
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 150, sizePct: 100 }],
  stopLoss: { price: 50 },
  ...overrides,
});

// Wall-clock ticks: the CLI dates its trip by the wall clock, and the engine's work comes after it.
const tick = (price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts: Date.now(), price });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const typesOf = (events: readonly StoredEvent[]) => events.map((e) => e.type);

/** What the venue holds, read through its account-reads port as the engine reads it. */
const workingOrdersOf = async (venue: Exchange) => {
  const open = await venue.openOrders();
  return open._tag === 'Right' ? open.right.map((o) => o.clientOrderId) : null;
};
const positionsOf = async (venue: Exchange) => {
  const held = await venue.positions();
  return held._tag === 'Right' ? held.right.filter((p) => p.quantity !== 0) : null;
};

/**
 * An engine guarding account `desk` on a real SQLite file, and the CLI, in a process of its own,
 * tripping and resetting the switch on the same file: what the running engine makes of it.
 */
describe('kill-switch from the command line, against an engine on the same SQLite file', () => {
  let dir: string;
  let db: string;
  let store: EventStore;
  let engine: Engine | undefined;
  const log: StoredEvent[] = [];

  const cli = (...args: string[]) =>
    runCli(['kill-switch', ...args, '--store', `sqlite:${db}`, '--account', 'desk']);

  const startEngine = async (exchange: Exchange, account: Partial<EngineAccount> = {}) => {
    await engine?.stop();
    engine = createEngine({ store, exchange, account: { id: 'desk', ...account } });
    engine.events$.subscribe((e) => log.push(e));
    await engine.start();
    return engine;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-kill-switch-'));
    db = join(dir, 'engine.sqlite');
    store = await getSqliteEventStore(db);
    log.length = 0;
  });
  afterEach(async () => {
    await engine?.stop();
    engine = undefined;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a live engine sees a trip at its next heartbeat: cancels, flattens, confirms, refuses entries with TRADING_HALTED; after a reset it takes entries again', async () => {
    // The paper venue with the live protocols: the engine's heartbeats and flatten polls run
    // on timers, as against any live venue.
    const venue = getPaperExchange();
    const live = await startEngine(venue, {
      heartbeatMs: 100,
      flattenPollMs: 100,
      liveProtocols: true,
    });
    const feed = async (price: number) => {
      await live.process({ tick: tick(price) });
    };
    const until = async (what: () => boolean) => {
      for (let i = 0; i < 100 && !what(); i++) {
        await sleep(50);
        await feed(100);
      }
      return what();
    };
    await feed(100);
    await live.process({
      commands: [order('long'), order('resting', { entry: { type: 'LIMIT', price: 90 } })],
    });
    expect(await until(() => live.account()?.positions[SYMBOL]?.quantity === 1)).toBe(true);
    expect(await workingOrdersOf(venue)).toHaveLength(1);

    const trip = cli('trip', '--reason', 'drill: halt by hand', '--by', 'ops');
    expect(trip).toMatchObject({ status: 0, stderr: '' });
    expect(
      typesOf(
        trip.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as StoredEvent),
      ),
    ).toEqual(['KillSwitchTripped', 'TradingStateChanged', 'FlattenRequested']);

    expect(
      await until(() => live.account()?.flatten === null && live.openOrders().length === 0),
    ).toBe(true);
    expect(typesOf(log)).toEqual(
      expect.arrayContaining(['SmartOrderCancelled', 'FlattenExitRequested', 'FlattenConfirmed']),
    );
    expect(await workingOrdersOf(venue)).toEqual([]);
    expect(await positionsOf(venue)).toEqual([]);
    expect(live.account()?.tradingState).toBe('HALTED');
    const refused = await live.process({ commands: [order('while-halted')] });
    expect(refused.rejections.map((r) => r.error.code)).toEqual(['TRADING_HALTED']);

    const reset = cli('reset', '--by', 'ops');
    expect(reset.status).toBe(0);
    expect(
      typesOf(
        reset.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as StoredEvent),
      ),
    ).toEqual(['KillSwitchReset', 'TradingStateChanged']);
    // Until its next heartbeat the engine still holds the account HALTED (see the playbook).
    expect(await until(() => live.account()?.tradingState === 'ACTIVE')).toBe(true);
    const accepted = await live.process({ commands: [order('after-reset')] });
    expect(accepted.rejections).toEqual([]);
    expect(typesOf(accepted.events)).toContain('SmartOrderCreated');
  });

  it('a live engine refuses an entry sent between an external trip and its next heartbeat: the entry reloads the account', async () => {
    const venue = getPaperExchange();
    const live = await startEngine(venue, {
      heartbeatMs: 600_000,
      flattenPollMs: 600_000,
      liveProtocols: true,
    });
    await live.process({ tick: tick(100) });
    await live.process({ commands: [order('resting', { entry: { type: 'LIMIT', price: 90 } })] });
    expect(live.openOrders().map((v) => v.orderId)).toEqual(['resting']);

    expect(cli('trip', '--reason', 'drill').status).toBe(0);
    expect(live.account()?.tradingState).toBe('ACTIVE');
    const entry = await live.process({ commands: [order('entry')] });
    expect(entry.rejections.map((r) => r.error.code)).toEqual(['TRADING_HALTED']);
    expect(typesOf(entry.events)).toEqual(
      expect.arrayContaining(['OcoCancelled', 'CancelRequested']),
    );
    expect(live.account()?.tradingState).toBe('HALTED');
    // The resting order ends once the venue has confirmed its entry cancelled (SEMANTICS §4, v2).
    for (let i = 0; i < 100 && live.openOrders().length > 0; i++) await sleep(20);
    expect(live.openOrders()).toEqual([]);
  });

  it('an engine on the paper exchange follows its account stream: it sees a trip and a reset within followMs', async () => {
    const paper = await startEngine(getPaperExchange(), { followMs: 50 });
    await paper.process({
      commands: [order('long'), order('resting', { entry: { type: 'LIMIT', price: 90 } })],
      tick: tick(100),
    });
    expect(paper.account()?.positions[SYMBOL]?.quantity).toBe(1);

    const before = log.length;
    expect(cli('trip', '--reason', 'drill').status).toBe(0);
    await sleep(300);
    expect(paper.account()?.tradingState).toBe('HALTED');
    expect(paper.openOrders()).toEqual([]);
    expect(typesOf(log.slice(before))).toEqual(
      expect.arrayContaining(['SmartOrderCancelled', 'FlattenExitRequested']),
    );
    // The flatten's market exit fills at the next tick, and the flatten is confirmed.
    const next = await paper.process({ commands: [order('entry')], tick: tick(100) });
    expect(next.rejections.map((r) => r.error.code)).toEqual(['TRADING_HALTED']);
    expect(typesOf(log.slice(before))).toContain('FlattenConfirmed');
    expect(paper.account()?.positions[SYMBOL]?.quantity ?? 0).toBe(0);

    expect(cli('reset', '--by', 'ops').status).toBe(0);
    await sleep(300);
    expect(paper.account()?.tradingState).toBe('ACTIVE');
    const accepted = await paper.process({ commands: [order('after-reset')], tick: tick(100) });
    expect(accepted.rejections).toEqual([]);
    expect(typesOf(accepted.events)).toContain('EntryFilled');
  });
});
