import { createEngine, getInMemoryEventStore, orderStream } from '@smart-orders/engine';
import { getScriptedExchange } from '@smart-orders/testkit';
import { order, tick, types, venues } from './venues.spec.helper';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe.each(venues)('the engine against %s', (_name, venue) => {
  it('fills a market entry at the first tick, exits at its take-profit, and records each fill once', async () => {
    const store = getInMemoryEventStore();
    const engine = createEngine({ store, exchange: venue() });
    await engine.start();
    await engine.process({ commands: [order()] });
    await engine.tick(tick(10, 100));
    await engine.tick(tick(20, 106));
    await settle();
    await engine.stop();
    const log = types(await store.readStream(orderStream('o-1')));
    expect(log.filter((t) => t === 'EntryFilled')).toHaveLength(1);
    expect(log.filter((t) => t === 'TpFilled')).toHaveLength(1);
    expect(log.at(-1)).toBe('SmartOrderClosed');
  });

  it('cancels a PENDING order: its entry is cancelled on the exchange, and the confirmation, however often told, changes nothing more', async () => {
    const store = getInMemoryEventStore();
    const exchange = venue();
    const engine = createEngine({ store, exchange });
    await engine.start();
    await engine.process({
      commands: [order({ entry: { type: 'LIMIT', price: 90 }, stopLoss: { price: 85 } })],
    });
    await engine.tick(tick(10, 100));
    const cancelled = await engine.process({
      commands: [{ type: 'Cancel', orderId: 'o-1', ts: 11 }],
    });
    expect(cancelled.rejections).toEqual([]);
    await settle();
    await engine.stop();
    const log = types(await store.readStream(orderStream('o-1')));
    expect(log.filter((t) => t === 'SmartOrderCancelled')).toHaveLength(1);
    expect(engine.openOrderCount).toBe(0);
    const open = await exchange.openOrders();
    expect(open._tag === 'Right' && open.right).toEqual([]);
  });

  it('trips the kill switch by hand: cancels, flattens at the exchange and confirms flat', async () => {
    const store = getInMemoryEventStore();
    const exchange = venue();
    const engine = createEngine({ store, exchange, account: { id: 'behaviour' } });
    await engine.start();
    await engine.process({ commands: [order()] });
    await engine.tick(tick(10, 100));
    await engine.process({
      accountCommands: [{ type: 'TripKillSwitch', ts: 20, reason: 'MANUAL', detail: 'drill' }],
    });
    await engine.tick(tick(30, 99));
    await settle();
    expect(engine.account()?.flatten).toBeNull();
    expect(engine.account()?.tradingState).toBe('HALTED');
    const held = await exchange.positions();
    expect(held._tag === 'Right' && held.right.filter((p) => p.quantity !== 0)).toEqual([]);
    await engine.stop();
  });
});

describe('the engine against an exchange that fills in part', () => {
  it('records each part of a take-profit exit and closes once the parts sum to the level', async () => {
    const store = getInMemoryEventStore();
    const exchange = getScriptedExchange({
      script: (r) => (r.reduceOnly ? { partially: 0.4 } : {}),
    });
    const engine = createEngine({ store, exchange });
    await engine.start();
    await engine.process({ commands: [order()] });
    await engine.tick(tick(10, 100));
    await engine.tick(tick(20, 106));
    await engine.tick(tick(30, 107));
    await engine.stop();
    const log = await store.readStream(orderStream('o-1'));
    const fills = log.filter((e) => e.type === 'TpFilled');
    expect(fills.map((e) => (e.data as { quantity: number }).quantity)).toEqual([0.4, 0.6]);
    expect(fills.map((e) => (e.data as { price: number }).price)).toEqual([106, 107]);
    expect(log.at(-1)?.type).toBe('SmartOrderClosed');
  });
});
