import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  orderStream,
  type Engine,
  type EventStore,
  type Exchange,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange, type PaperExchangeOptions } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });

/** A long of 1 from a market entry at 100: TPs 105/110/120, stop 95, native stop 1 % behind. */
const order = (overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId: 'n-1',
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
  breakEven: true,
  nativeStop: { offsetRate: 0.01 },
  ...overrides,
});

const types = (events: readonly StoredEvent[]): string[] => events.map((e) => e.type);

const nativeStopsOf = async (exchange: Exchange) => {
  const open = await exchange.openOrders(SYMBOL);
  return open._tag === 'Right' ? open.right.filter((o) => o.type === 'STOP') : [];
};

describe('native protective stops on the paper exchange, matched in the batch', () => {
  const run = async (options: PaperExchangeOptions = {}) => {
    const exchange = getPaperExchange(options);
    const store = getInMemoryEventStore();
    const engine = createEngine({ store, exchange });
    await engine.start();
    await engine.process({ commands: [order()] });
    return { exchange, store, engine };
  };

  it('rests a stop behind the managed one at the entry fill, moves it with break-even, and cancels it when the stop fires', async () => {
    const { exchange, engine, store } = await run();
    const filled = await engine.tick(tick(10, 100));
    expect(types(filled.events)).toEqual(['EntryFilled', 'NativeStopPlaced']);
    expect(await nativeStopsOf(exchange)).toMatchObject([
      { type: 'STOP', side: 'SELL', stopPrice: 94.05, quantity: 1, status: 'OPEN' },
    ]);

    const tp1 = await engine.tick(tick(20, 105));
    expect(types(tp1.events)).toEqual([
      'TpTriggered',
      'TpFilled',
      'BreakEvenMoved',
      'NativeStopMoved',
    ]);
    expect(await nativeStopsOf(exchange)).toMatchObject([{ stopPrice: 99, quantity: 0.6 }]);

    const stopped = await engine.tick(tick(30, 100));
    expect(types(stopped.events)).toEqual([
      'StopLossTriggered',
      'OcoCancelled',
      'NativeStopCancelled',
      'StopLossFilled',
      'ExchangeOrderCancelled',
      'SmartOrderStopped',
    ]);
    expect(await nativeStopsOf(exchange)).toEqual([]);
    const positions = await exchange.positions();
    expect(positions._tag === 'Right' && positions.right).toEqual([
      { symbol: SYMBOL, quantity: 0 },
    ]);
    expect(engine.openOrderCount).toBe(0);
    const log = await store.readStream(orderStream('n-1'));
    expect(log.at(-1)?.type).toBe('SmartOrderStopped');
  });

  it('REPLACE: places the new stop first and cancels the old one once it is accepted', async () => {
    const { exchange, engine } = await run({ nativeStops: 'REPLACE' });
    await engine.tick(tick(10, 100));
    const tp1 = await engine.tick(tick(20, 105));
    expect(types(tp1.events)).toEqual([
      'TpTriggered',
      'TpFilled',
      'BreakEvenMoved',
      'NativeStopPlaced',
      'NativeStopCancelled',
      'ExchangeOrderCancelled',
    ]);
    expect(tp1.events[4]?.data).toMatchObject({ reason: 'REPLACED' });
    expect(await nativeStopsOf(exchange)).toMatchObject([{ stopPrice: 99, quantity: 0.6 }]);
  });

  it('records why there is none where the venue keeps no native stops, and trades on the managed stop', async () => {
    const { exchange, engine } = await run({ nativeStops: 'OFF' });
    const filled = await engine.tick(tick(10, 100));
    expect(types(filled.events)).toEqual(['EntryFilled']);
    expect(await nativeStopsOf(exchange)).toEqual([]);
    expect(engine.view('n-1')?.nativeStop).toEqual({
      mode: 'OFF',
      stopPrice: null,
      clientOrderId: null,
      reason: 'paper: native stops turned off (option nativeStops)',
    });
  });

  it('stops the order at the native stop when a gap goes through both stops in one tick', async () => {
    const { exchange, engine } = await run();
    await engine.tick(tick(10, 100));
    const gap = await engine.tick(tick(20, 90));
    // The venue's stop fires as the tick trades, before the engine sees the tick.
    expect(types(gap.events)).toEqual(['NativeStopFilled', 'OcoCancelled', 'SmartOrderStopped']);
    expect(gap.events[0]?.data).toMatchObject({ price: 90, quantity: 1 });
    const positions = await exchange.positions();
    expect(positions._tag === 'Right' && positions.right).toEqual([
      { symbol: SYMBOL, quantity: 0 },
    ]);
  });
});

/**
 * The paper book as a venue with a market of its own: the test plays its ticks, and the book
 * keeps matching them while no engine runs — the case native stops are for.
 */
const liveVenue = () => {
  const paper = getPaperExchange();
  const { matchTick, ...live } = paper;
  if (matchTick === undefined) throw new Error('the paper venue matches ticks');
  return { exchange: live as Exchange, market: (t: Tick) => matchTick(t) };
};

const idle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('native protective stops on a live-style venue', () => {
  const tradeTick = async (engine: Engine, venue: ReturnType<typeof liveVenue>, t: Tick) => {
    const reports = venue.market(t);
    const result = await engine.process({ reports: [...reports], tick: t });
    await idle();
    return result;
  };

  it('protects the position while the engine is dead, and a restarted engine finds the fill', async () => {
    const venue = liveVenue();
    const store: EventStore = getInMemoryEventStore();
    const first = createEngine({ store, exchange: venue.exchange });
    await first.start();
    await first.process({ commands: [order()], tick: tick(5, 100) });
    await idle();
    await tradeTick(first, venue, tick(10, 100));
    await tradeTick(first, venue, tick(11, 100.5));
    expect(await nativeStopsOf(venue.exchange)).toMatchObject([{ stopPrice: 94.05, quantity: 1 }]);
    await first.stop();

    // No engine runs now: the price falls through the managed stop and the native one.
    for (const [ts, price] of [
      [20, 96],
      [21, 94.5],
      [22, 94],
    ] as const)
      venue.market(tick(ts, price));
    const flat = await venue.exchange.positions();
    expect(flat._tag === 'Right' && flat.right).toEqual([{ symbol: SYMBOL, quantity: 0 }]);

    const second = createEngine({ store, exchange: venue.exchange });
    await second.start();
    await idle();
    const log = await store.readStream(orderStream('n-1'));
    expect(types(log).slice(-3)).toEqual(['NativeStopFilled', 'OcoCancelled', 'SmartOrderStopped']);
    expect(log.at(-3)?.data).toMatchObject({ price: 94, quantity: 1 });
    expect(second.openOrderCount).toBe(0);
    await second.stop();
  });

  it('puts back a native stop whose intent was committed but never sent before a crash', async () => {
    const venue = liveVenue();
    const store = getInMemoryEventStore();
    // An exchange that dies after the entry: the native stop's request never arrives.
    let reachable = true;
    const flaky: Exchange = {
      ...venue.exchange,
      place: async (request) =>
        reachable || request.type !== 'STOP'
          ? venue.exchange.place(request)
          : { _tag: 'Left', left: { code: 'NETWORK', message: 'connection reset' } },
    };
    const first = createEngine({ store, exchange: flaky });
    await first.start();
    reachable = false;
    await first.process({ commands: [order()], tick: tick(5, 100) });
    await idle();
    await tradeTick(first, venue, tick(10, 100));
    expect(await nativeStopsOf(venue.exchange)).toEqual([]);
    await first.stop();

    const second = createEngine({ store, exchange: venue.exchange });
    await second.start();
    await idle();
    expect(await nativeStopsOf(venue.exchange)).toMatchObject([{ stopPrice: 94.05, quantity: 1 }]);
    await second.stop();
  });
});
