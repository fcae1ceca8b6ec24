import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import { createEngine, getInMemoryEventStore, type StoredEvent } from '@smart-orders/engine';
import { getPaperExchange, type PaperExchangeOptions } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });

const order = (
  orderId: string,
  ts: number,
  overrides: Partial<CreateSmartOrder> = {},
): CreateSmartOrder => ({
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
  ...overrides,
});

const accountEvents = (events: readonly StoredEvent[]) =>
  events.filter((e) => e.stream === 'account-drill');

const guarded = async (risk: object, paper: PaperExchangeOptions = {}) => {
  const store = getInMemoryEventStore();
  const engine = createEngine({
    store,
    exchange: getPaperExchange(paper),
    account: { id: 'drill', risk },
  });
  await engine.start();
  const log: StoredEvent[] = [];
  engine.events$.subscribe((e) => log.push(e));
  return { engine, store, log };
};

describe('the account protocols on the paper exchange (drills)', () => {
  it('trips the daily loss limit at the tick that breaks it, falls back to a limit exit while market orders are refused, and confirms flat', async () => {
    const { engine, log } = await guarded(
      { dailyLossLimit: 5, limitPriceBandBps: 50 },
      { rejectMarketOrders: [{ from: 2_500, to: 10_000 }] },
    );
    await engine.process({ commands: [order('long', 1_000)], tick: tick(1_000, 100) });
    await engine.process({ tick: tick(2_000, 97) });
    expect(log.filter((e) => e.type === 'KillSwitchTripped')).toHaveLength(0);
    const breach = await engine.process({ tick: tick(3_000, 94.9) });
    const types = breach.events.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'KillSwitchTripped',
        'FlattenRequested',
        'SmartOrderCancelled',
        'FlattenExitRequested',
        'FlattenRetriedAsLimit',
      ]),
    );
    const tripped = breach.events.find((e) => e.type === 'KillSwitchTripped');
    expect(tripped?.data).toMatchObject({ reason: 'DAILY_LOSS_LIMIT', limit: 5 });
    expect(types).not.toContain('FlattenConfirmed');
    const retried = breach.events.find((e) => e.type === 'FlattenRetriedAsLimit');
    expect(retried?.data).toMatchObject({ reason: 'REJECTED', side: 'SELL', quantity: 1 });
    // The marketable sell limit sits under the last price: the next tick fills it.
    const next = await engine.process({ tick: tick(4_000, 95) });
    expect(next.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['FillRecorded', 'FlattenConfirmed']),
    );
    expect(engine.account()?.flatten).toBeNull();
    expect(engine.account()?.tradingState).toBe('HALTED');
    const later = await engine.process({
      commands: [order('again', 5_000)],
      tick: tick(5_000, 96),
    });
    expect(later.rejections.map((r) => r.error.code)).toEqual(['TRADING_HALTED']);
    expect(later.events).toHaveLength(0);
    expect(accountEvents(log).map((e) => e.version)).toEqual(
      accountEvents(log).map((_, i) => i + 1),
    );
  });

  it('confirms the flatten only once the exchange reports flat', async () => {
    const { engine } = await guarded(
      { dailyLossLimit: 5 },
      { rejectMarketOrders: [{ from: 2_500, to: 10_000 }] },
    );
    await engine.process({ commands: [order('long', 1_000)], tick: tick(1_000, 100) });
    await engine.process({ tick: tick(3_000, 90) });
    // The limit exit is priced 0.5 % under 90: a tick at 80 leaves it behind, unfilled.
    const below = await engine.process({ tick: tick(4_000, 80) });
    expect(below.events.map((e) => e.type)).not.toContain('FlattenConfirmed');
    expect(below.events.map((e) => e.type)).toContain('FlattenRetriedAsLimit');
    expect(engine.account()?.flatten).not.toBeNull();
    const filled = await engine.process({ tick: tick(5_000, 80) });
    expect(filled.events.map((e) => e.type)).toContain('FlattenConfirmed');
  });

  it('a manual trip flattens at once, and HALTED refuses entries naming what still passes', async () => {
    const { engine } = await guarded({});
    await engine.process({ commands: [order('long', 1_000)], tick: tick(1_000, 100) });
    const trip = await engine.process({
      accountCommands: [{ type: 'TripKillSwitch', ts: 2_000, reason: 'MANUAL', detail: 'drill' }],
    });
    expect(trip.events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'KillSwitchTripped',
        'FlattenRequested',
        'FlattenExitRequested',
        'FlattenConfirmed',
      ]),
    );
    const refused = await engine.process({
      commands: [order('entry', 3_000)],
      tick: tick(3_000, 100),
    });
    expect(refused.rejections[0]?.error).toMatchObject({
      code: 'TRADING_HALTED',
      allowed: ['MODIFY_REDUCES_RISK', 'CANCEL', 'REDUCE_ONLY_EXIT'],
    });
  });

  it('trips the runaway guard on an entry loop and refuses every entry after it', async () => {
    const { engine, log } = await guarded({ maxOrdersPerMinute: 5 });
    const rejected: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await engine.process({
        commands: [order(`loop-${i}`, 1_000 + i, { entry: { type: 'LIMIT', price: 90 } })],
        tick: tick(1_000 + i, 100),
      });
      rejected.push(...r.rejections.map((x) => x.error.code));
    }
    const tripped = log.filter((e) => e.type === 'KillSwitchTripped');
    expect(tripped).toHaveLength(1);
    expect(tripped[0]?.data).toMatchObject({ reason: 'RUNAWAY_ORDERS' });
    expect(log.filter((e) => e.type === 'SmartOrderCreated')).toHaveLength(6);
    expect(rejected).toEqual(Array(4).fill('TRADING_HALTED'));
    // Every resting entry was cancelled: nothing works on the exchange any more.
    expect(log.filter((e) => e.type === 'FlattenConfirmed')).toHaveLength(1);
  });

  it('trips the position limit at the fill that takes the position over it', async () => {
    const { engine, log } = await guarded({ maxPosition: { [SYMBOL]: 1.5 } });
    await engine.process({ commands: [order('first', 1_000)], tick: tick(1_000, 100) });
    expect(log.some((e) => e.type === 'KillSwitchTripped')).toBe(false);
    const second = await engine.process({
      commands: [order('second', 2_000)],
      tick: tick(2_000, 100),
    });
    const tripped = second.events.find((e) => e.type === 'KillSwitchTripped');
    expect(tripped?.data).toMatchObject({ reason: 'POSITION_LIMIT', symbol: SYMBOL, limit: 1.5 });
    expect(second.events.map((e) => e.type)).toContain('FlattenConfirmed');
    expect(engine.account()?.positions[SYMBOL]?.quantity ?? 0).toBe(0);
  });

  it('trips on working orders per symbol at the order over the limit', async () => {
    const { engine, log } = await guarded({ maxWorkingOrdersPerSymbol: 2 });
    for (let i = 0; i < 3; i++) {
      await engine.process({
        commands: [order(`resting-${i}`, 1_000 + i, { entry: { type: 'LIMIT', price: 90 } })],
        tick: tick(1_000 + i, 100),
      });
      expect(log.some((e) => e.type === 'KillSwitchTripped')).toBe(i === 2);
    }
    expect(log.find((e) => e.type === 'KillSwitchTripped')?.data).toMatchObject({
      reason: 'RUNAWAY_ORDERS',
    });
  });

  it('REDUCING refuses entries and risk-adding modifications, and lets the stop protect the position', async () => {
    const { engine, log } = await guarded({});
    await engine.process({ commands: [order('long', 1_000)], tick: tick(1_000, 100) });
    await engine.process({
      accountCommands: [{ type: 'SetTradingState', ts: 1_500, to: 'REDUCING', by: 'ops' }],
    });
    const refused = await engine.process({
      commands: [
        order('more', 2_000),
        { type: 'ModifyStopLoss', orderId: 'long', ts: 2_000, price: 40 },
        { type: 'ModifyStopLoss', orderId: 'long', ts: 2_000, price: 60 },
      ],
      tick: tick(2_000, 100),
    });
    expect(refused.rejections.map((r) => [r.command.type, r.error.code])).toEqual([
      ['CreateSmartOrder', 'TRADING_REDUCING'],
      ['ModifyStopLoss', 'TRADING_REDUCING'],
    ]);
    expect(refused.events.map((e) => e.type)).toContain('StopLossModified');
    const stopped = await engine.process({ tick: tick(3_000, 59) });
    expect(stopped.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['StopLossTriggered', 'StopLossFilled', 'FillRecorded']),
    );
    expect(engine.account()?.positions[SYMBOL]?.quantity ?? 0).toBe(0);
    expect(log.some((e) => e.type === 'KillSwitchTripped')).toBe(false);
  });

  it('resets a daily-loss trip at the next session when configured, and entries pass again', async () => {
    const DAY = 86_400_000;
    const day1 = Date.UTC(2024, 0, 2, 10);
    const { engine } = await guarded({
      dailyLossLimit: 5,
      sessionStart: '00:00 UTC',
      resetAtNextSession: true,
    });
    await engine.process({ commands: [order('long', day1)], tick: tick(day1, 100) });
    await engine.process({ tick: tick(day1 + 1_000, 94) });
    expect(engine.account()?.tradingState).toBe('HALTED');
    const sameDay = await engine.process({
      commands: [order('same-day', day1 + 2_000)],
      tick: tick(day1 + 2_000, 95),
    });
    expect(sameDay.rejections.map((r) => r.error.code)).toEqual(['TRADING_HALTED']);
    const nextDay = day1 + DAY;
    const next = await engine.process({
      commands: [order('next-day', nextDay)],
      tick: tick(nextDay, 95),
    });
    expect(next.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['SessionRolled', 'KillSwitchReset', 'SmartOrderCreated']),
    );
    expect(next.rejections).toEqual([]);
    expect(engine.account()?.tradingState).toBe('ACTIVE');
  });

  it('runs no batch and appends nothing for ticks that move nothing', async () => {
    const { engine, log } = await guarded({ dailyLossLimit: 1_000 });
    await engine.process({ commands: [order('long', 1_000)], tick: tick(1_000, 100) });
    const before = log.length;
    for (let i = 1; i <= 100; i++) {
      const r = await engine.process({ tick: tick(1_000 + i, 100 + (i % 3)) });
      expect(r.events).toHaveLength(0);
    }
    expect(log).toHaveLength(before);
  });
});
