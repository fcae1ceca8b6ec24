import { Subject } from 'rxjs';
import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  replayTicks,
  type Exchange,
  type ExchangeReport,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'ETH/USDT';
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });

const order = (overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId: 'o-1',
  ts: 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 0.05,
  entry: { type: 'LIMIT', price: 2690 },
  takeProfits: [{ price: 2800, sizePct: 100 }],
  stopLoss: { price: 2600 },
  ...overrides,
});

/**
 * A venue on the paper book with a market of its own (the test plays it), where the entry fills
 * while its cancel is in flight: the cancel finds it filled.
 */
const racingVenue = () => {
  const paper = getPaperExchange();
  const { matchTick, ...live } = paper;
  if (matchTick === undefined) throw new Error('the paper venue matches ticks');
  const reports$ = new Subject<ExchangeReport>();
  paper.reports$.subscribe((r) => reports$.next(r));
  // The test plays the venue's own market: its fills arrive on the order stream.
  const market = (t: Tick) => matchTick(t).forEach((r) => reports$.next(r));
  const venue: Exchange = {
    ...live,
    reports$: reports$.asObservable(),
    cancel: async (clientOrderId, symbol) => {
      market(tick(3, 2690));
      return live.cancel(clientOrderId, symbol);
    },
  };
  const positions = async () => {
    const held = await paper.positions();
    return held._tag === 'Right' ? held.right.filter((p) => p.quantity !== 0) : null;
  };
  return { venue, market, positions };
};

const until = async (check: () => boolean, ms = 5_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('the PENDING cancel race on an exchange (SEMANTICS §4)', () => {
  it.each([false, true])(
    'an entry fill reported after the cancel request is recorded and exited at market (flatten %s)',
    async (flatten) => {
      const { venue, market, positions } = racingVenue();
      const store = getInMemoryEventStore();
      // A live exchange (no matchTick) is guarded by account protocols by default; this race is
      // the order's alone, so the account's events are left out.
      const engine = createEngine({ store, exchange: venue, account: false });
      const events: StoredEvent[] = [];
      engine.events$.subscribe((e) => events.push(e));
      await engine.start();
      await engine.process({ commands: [order()] });
      const cancelled = await engine.submit({
        type: 'Cancel',
        orderId: 'o-1',
        ts: 2,
        flatten,
      });
      expect(cancelled._tag).toBe('Right');
      await until(() => events.some((e) => e.type === 'FlattenTriggered'));
      market(tick(4, 2700));
      await until(() => events.some((e) => e.type === 'SmartOrderCancelled'));
      await engine.stop();
      expect(events.map((e) => e.type)).toEqual([
        'SmartOrderCreated',
        'OcoCancelled',
        'CancelRequested',
        'EntryFilled',
        'FlattenTriggered',
        'FlattenFilled',
        'SmartOrderCancelled',
      ]);
      expect(events[events.length - 1]?.data).toMatchObject({ flatten });
      expect(await positions()).toEqual([]);
    },
  );

  it('on paper, a cancel that reaches the resting entry first ends the order at once, confirmed', async () => {
    const store = getInMemoryEventStore();
    const engine = createEngine({ store, exchange: getPaperExchange() });
    await engine.start();
    const events: StoredEvent[] = [];
    await replayTicks({
      engine,
      store,
      ticks: [tick(1000, 2700), tick(2000, 2680)],
      plan: {
        orders: [{ at: 1000, command: order() }],
        commands: [{ at: 1000, command: { type: 'Cancel', orderId: 'o-1', ts: 0, flatten: true } }],
      },
      checkpointName: 'race',
      onEvents: (e) => events.push(...e),
    });
    await engine.stop();
    expect(events.map((e) => e.type)).toEqual([
      'SmartOrderCreated',
      'OcoCancelled',
      'CancelRequested',
      'ExchangeOrderCancelled',
      'SmartOrderCancelled',
    ]);
  });
});
