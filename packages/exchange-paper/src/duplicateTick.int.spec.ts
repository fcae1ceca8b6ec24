import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  replayTicks,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const T0 = 1_700_000_000_000;
const tick = (ts: number, price: number, extra: Partial<Tick> = {}): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
  ...extra,
});

/** The case of issue 12 item 1: a market long, TPs 101 / 110, stop 95, break-even. */
const order: CreateSmartOrder = {
  type: 'CreateSmartOrder',
  orderId: 'o-1',
  ts: T0 + 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [
    { price: 101, sizePct: 50 },
    { price: 110, sizePct: 50 },
  ],
  stopLoss: { price: 95 },
  breakEven: true,
};

const replayed = async (ticks: readonly Tick[]): Promise<StoredEvent[]> => {
  const store = getInMemoryEventStore();
  const engine = createEngine({ store, exchange: getPaperExchange() });
  await engine.start();
  const events: StoredEvent[] = [];
  await replayTicks({
    engine,
    store,
    ticks,
    plan: { orders: [{ at: T0 + 1, command: order }], commands: [] },
    checkpointName: 'duplicate-tick',
    onEvents: (e) => events.push(...e),
  });
  await engine.stop();
  return events;
};

const brief = (events: readonly StoredEvent[]) => events.map((e) => `${e.type}@${e.ts - T0}`);

describe('the duplicate-tick rule in the engine and the replay (SEMANTICS §6)', () => {
  it('a tick delivered twice does not fire the break-even stop that its first delivery moved', async () => {
    const once = await replayed([tick(T0, 100), tick(T0 + 1000, 102)]);
    const twice = await replayed([tick(T0, 100), tick(T0 + 1000, 102), tick(T0 + 1000, 102)]);
    expect(brief(once)).toContain('BreakEvenMoved@1000');
    expect(brief(twice)).toEqual(brief(once));
    expect(twice.map((e) => e.type)).not.toContain('StopLossTriggered');
  });

  it('the stop that break-even moved is tested from the next tick that is not a duplicate', async () => {
    const events = await replayed([
      tick(T0, 100),
      tick(T0 + 1000, 102),
      tick(T0 + 1000, 102),
      tick(T0 + 500, 90),
      tick(T0 + 2000, 102),
    ]);
    expect(events.filter((e) => e.type === 'StopLossTriggered').map((e) => e.ts - T0)).toEqual([
      2000,
    ]);
  });

  it('a tick with a repeated id changes nothing; another id at the same time is applied', async () => {
    const events = await replayed([
      tick(T0, 100, { id: '1' }),
      tick(T0 + 1000, 102, { id: '2' }),
      tick(T0 + 1000, 102, { id: '2' }),
      tick(T0 + 1000, 102, { id: '3' }),
    ]);
    const stop = events.find((e) => e.type === 'StopLossTriggered');
    expect(stop?.ts).toBe(T0 + 1000);
    expect(stop?.data).toMatchObject({ kind: 'BREAK_EVEN', stopPrice: 102 });
  });

  it('an engine given the same tick twice by its feed changes nothing the second time', async () => {
    const store = getInMemoryEventStore();
    const engine = createEngine({ store, exchange: getPaperExchange() });
    await engine.start();
    await engine.process({ commands: [order] });
    const first = await engine.tick(tick(T0 + 1000, 102));
    const again = await engine.tick(tick(T0 + 1000, 102));
    await engine.stop();
    expect(first.events.map((e) => e.type)).toContain('BreakEvenMoved');
    expect(again.events).toEqual([]);
  });
});
