import type { Tick } from '@smart-orders/core';
import { getScriptedExchange } from '@smart-orders/testkit';
import { createEngine } from '../createEngine';
import type { Engine } from '../engine';
import type { StoredEvent } from '../ports/eventStore';
import { getInMemoryEventStore } from '../stores/memoryEventStore';
import { order, SYMBOL, tick } from './venues.spec.helper';
import { warningsInto } from './warningsInto.spec.helper';

const ETH = 'ETH/USDT';
const ethTick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: ETH, ts, price });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * SEMANTICS §7 v2: with `flattenAfterStaleMs`, a symbol whose market data stays silent that long
 * (on the engine's wall clock) has its position flattened, that symbol alone; the others trade on.
 */
describe('flatten after stale market data, one symbol alone', () => {
  const started: Engine[] = [];
  afterEach(async () => {
    for (const engine of started.splice(0)) await engine.stop();
  });

  it('BTC silent for flattenAfterStaleMs while ETH ticks: BTC’s order is cancelled and its position exited, ETH’s order keeps working, the account stays ACTIVE', async () => {
    const exchange = getScriptedExchange();
    const warnings: string[] = [];
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange,
      account: {
        id: 'desk',
        liveProtocols: true,
        heartbeatMs: 100,
        flattenPollMs: 100,
        staleAfterMs: 300,
        flattenAfterStaleMs: 800,
        symbols: [SYMBOL, ETH],
      },
      logger: warningsInto(warnings),
    });
    started.push(engine);
    const log: StoredEvent[] = [];
    engine.events$.subscribe((e) => log.push(e));
    const first = (type: string) => log.find((e) => e.type === type);
    const until = async (what: () => boolean, ms: number) => {
      for (let waited = 0; !what() && waited < ms; waited += 25) await sleep(25);
      return what();
    };

    await engine.start();
    expect(engine.account()?.gate).toBe('OPEN');
    await engine.process({ tick: tick(1_000, 100) });
    await engine.process({ tick: ethTick(1_000, 10) });
    expect((await engine.submit(order({ ts: 1_001 })))._tag).toBe('Right');
    const eth = order({
      orderId: 'o-eth',
      symbol: ETH,
      ts: 1_001,
      takeProfits: [{ price: 11, sizePct: 100 }],
      stopLoss: { price: 9 },
    });
    expect((await engine.submit(eth))._tag).toBe('Right');
    await engine.process({ tick: tick(1_100, 100) });
    const btcSilentFrom = Date.now();
    await engine.process({ tick: ethTick(1_100, 10) });
    expect(engine.view('o-1')?.status).toBe('ACTIVE');
    expect(engine.view('o-eth')?.status).toBe('ACTIVE');

    // ETH keeps ticking; BTC goes silent.
    let ts = 1_200;
    const ethTicking = setInterval(
      () => void engine.process({ tick: ethTick((ts += 100), 10) }),
      50,
    );
    try {
      expect(await until(() => first('FlattenExitRequested') !== undefined, 5_000)).toBe(true);
    } finally {
      clearInterval(ethTicking);
    }
    const stale = first('MarketDataStale');
    const requested = first('FlattenRequested');
    expect(stale?.data).toEqual({ symbol: SYMBOL, lastTickTs: 1_100 });
    // On the engine's clock: not before BTC had been silent for 800 ms.
    expect((requested?.ts ?? 0) - btcSilentFrom).toBeGreaterThanOrEqual(750);
    expect(requested?.data).toEqual({
      reason: 'MARKET_DATA_STALE',
      flatten: 1,
      symbol: SYMBOL,
      positions: [{ symbol: SYMBOL, quantity: 1 }],
      workingOrders: expect.any(Array),
    });
    expect(
      (requested?.data as { workingOrders: { symbol: string }[] }).workingOrders.every(
        (o) => o.symbol === SYMBOL,
      ),
    ).toBe(true);
    expect(first('FlattenExitRequested')?.data).toMatchObject({
      symbol: SYMBOL,
      side: 'SELL',
      quantity: 1,
    });
    expect(log.some((e) => e.type === 'KillSwitchTripped')).toBe(false);
    expect(engine.account()?.tradingState).toBe('ACTIVE');
    expect(log.filter((e) => e.type === 'SmartOrderCancelled').map((e) => e.orderId)).toEqual([
      'o-1',
    ]);
    // ETH is untouched: its order keeps managing its take-profit and stop, its position stays.
    expect(engine.view('o-eth')?.status).toBe('ACTIVE');
    expect(engine.account()?.positions[ETH]?.quantity).toBe(1);
    expect(exchange.requests.filter((r) => r.orderId === 'desk').map((r) => r.symbol)).toEqual([
      SYMBOL,
    ]);

    // New entries: not on BTC while its data is stale, on ETH as before.
    const btcEntry = await engine.submit(order({ orderId: 'o-2', ts: 1_300 }));
    expect(btcEntry._tag === 'Left' && btcEntry.left.code).toBe('MARKET_DATA_STALE');
    const ethEntry = await engine.submit({ ...eth, orderId: 'o-eth-2', ts: 1_300 });
    expect(ethEntry._tag).toBe('Right');

    // BTC's next tick: fresh again, and the exit fills there; the next poll finds BTC flat.
    await engine.process({ tick: tick(5_000, 100) });
    expect(await until(() => first('FlattenConfirmed') !== undefined, 3_000)).toBe(true);
    expect(first('MarketDataResumed')?.data).toEqual({ symbol: SYMBOL });
    expect(engine.account()?.flatten).toBeNull();
    expect(engine.account()?.positions[SYMBOL]?.quantity ?? 0).toBe(0);
    expect(engine.account()?.positions[ETH]?.quantity).toBe(1);
    expect(engine.view('o-eth')?.status).toBe('ACTIVE');
    // Flat and fresh: BTC trades again, and heartbeats go on while both symbols tick (a symbol
    // with open orders silent for staleAfterMs stops them, so both must keep ticking here).
    expect((await engine.submit(order({ orderId: 'o-3', ts: 5_001 })))._tag).toBe('Right');
    const beats = log.filter((e) => e.type === 'HeartbeatRecorded').length;
    let freshTs = 5_100;
    const bothTicking = setInterval(() => {
      freshTs += 100;
      void engine.process({ tick: tick(freshTs, 100) });
      void engine.process({ tick: ethTick(freshTs, 10) });
    }, 50);
    try {
      const beating = () => log.filter((e) => e.type === 'HeartbeatRecorded').length > beats;
      expect(await until(beating, 3_000)).toBe(true);
    } finally {
      clearInterval(bothTicking);
    }
  }, 30_000);

  it('without flattenAfterStaleMs a stale symbol is never flattened', async () => {
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange: getScriptedExchange(),
      account: { id: 'desk', liveProtocols: true, staleAfterMs: 200, symbols: [SYMBOL] },
      logger: warningsInto([]),
    });
    started.push(engine);
    const log: StoredEvent[] = [];
    engine.events$.subscribe((e) => log.push(e));
    await engine.start();
    await engine.process({ tick: tick(1_000, 100) });
    expect((await engine.submit(order({ ts: 1_001 })))._tag).toBe('Right');
    await engine.process({ tick: tick(1_100, 100) });
    await sleep(1_500);
    expect(log.some((e) => e.type === 'MarketDataStale')).toBe(true);
    expect(log.some((e) => e.type === 'FlattenRequested')).toBe(false);
    expect(engine.view('o-1')?.status).toBe('ACTIVE');
  }, 20_000);

  it('refuses a flattenAfterStaleMs not above staleAfterMs, naming the field and the rule', () => {
    expect(() =>
      createEngine({
        store: getInMemoryEventStore(),
        exchange: getScriptedExchange(),
        account: { id: 'desk', staleAfterMs: 5_000, flattenAfterStaleMs: 5_000 },
      }),
    ).toThrow(
      'account desk: account.flattenAfterStaleMs: 5000 is not allowed; it must be a whole number of milliseconds greater than account.staleAfterMs (5000)',
    );
  });
});
