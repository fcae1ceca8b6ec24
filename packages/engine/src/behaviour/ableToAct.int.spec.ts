import { getScriptedExchange } from '@smart-orders/testkit';
import { createEngine } from '../createEngine';
import type { Engine } from '../engine';
import type { StoredEvent } from '../ports/eventStore';
import { getInMemoryEventStore } from '../stores/memoryEventStore';
import { order, SYMBOL, tick } from './venues.spec.helper';
import { warningsInto } from './warningsInto.spec.helper';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SEMANTICS §7 v2: a heartbeat means "able to act"; a blind engine goes silent for the watchdog. */
describe('heartbeats only while the engine can act', () => {
  const started: Engine[] = [];
  afterEach(async () => {
    for (const engine of started.splice(0)) await engine.stop();
  });

  const live = (unreadable: () => boolean, staleAfterMs = 60_000) => {
    const warnings: string[] = [];
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange: getScriptedExchange({ unreadable }),
      account: {
        id: 'desk',
        liveProtocols: true,
        heartbeatMs: 100,
        staleAfterMs,
        symbols: [SYMBOL],
      },
      logger: warningsInto(warnings),
    });
    started.push(engine);
    const log: StoredEvent[] = [];
    engine.events$.subscribe((e) => log.push(e));
    const count = (type: string) => log.filter((e) => e.type === type).length;
    return { engine, log, warnings, count };
  };

  it('a reconciliation that cannot read the exchange holds sending, stops heartbeats and retries with backoff until it can', async () => {
    let unreadable = true;
    const { engine, log, warnings, count } = live(() => unreadable);
    await engine.start();
    expect(engine.account()?.gate).toBe('RECONCILING');
    const refused = await engine.submit(order({ ts: 1 }));
    expect(refused._tag === 'Left' && refused.left.code).toBe('RECONCILIATION_PENDING');

    const beatsBefore = count('HeartbeatRecorded');
    await sleep(2_500);
    // Blind: not one heartbeat in 25 periods, and tried again after 1 s and after 2 s more.
    expect(count('HeartbeatRecorded')).toBe(beatsBefore);
    expect(warnings.filter((w) => w.includes('could not be read')).length).toBeGreaterThanOrEqual(
      2,
    );
    expect(warnings).toContain('reconciliation: trying again in 1 s');
    expect(warnings).toContain('reconciliation: trying again in 2 s');

    unreadable = false;
    for (let i = 0; i < 60 && count('ReconciliationCompleted') === 0; i++) await sleep(100);
    expect(count('ReconciliationCompleted')).toBe(1);
    expect(engine.account()?.gate).toBe('OPEN');
    await sleep(400);
    expect(count('HeartbeatRecorded')).toBeGreaterThan(beatsBefore);
    const placed = await engine.submit(order({ ts: 2 }));
    expect(placed._tag).toBe('Right');
    expect(log.map((e) => e.type)).toContain('SmartOrderCreated');
  }, 20_000);

  it('market data stale on a symbol with open orders: MarketDataStale, no heartbeat, entries refused; the next tick resumes both', async () => {
    const { engine, log, count } = live(() => false, 300);
    await engine.start();
    await engine.process({ tick: tick(1_000, 100) });
    // A limit entry below the market: the order stays open, and the symbol must stay fresh.
    const created = await engine.submit(
      order({ ts: 1_001, entry: { type: 'LIMIT', price: 90 }, stopLoss: { price: 85 } }),
    );
    expect(created._tag).toBe('Right');
    for (let i = 0; i < 30 && count('MarketDataStale') === 0; i++) await sleep(50);
    const stale = log.find((e) => e.type === 'MarketDataStale');
    expect(stale?.data).toEqual({ symbol: SYMBOL, lastTickTs: 1_000 });
    expect(stale?.stream).toBe('account-desk');

    const beats = count('HeartbeatRecorded');
    await sleep(500);
    expect(count('HeartbeatRecorded')).toBe(beats);
    const refused = await engine.submit(order({ orderId: 'o-2', ts: 1_002 }));
    expect(refused._tag === 'Left' && refused.left.code).toBe('MARKET_DATA_STALE');

    await engine.process({ tick: tick(2_000, 100) });
    expect(log.find((e) => e.type === 'MarketDataResumed')?.data).toEqual({ symbol: SYMBOL });
    await sleep(250);
    expect(count('HeartbeatRecorded')).toBeGreaterThan(beats);
    expect(count('MarketDataStale')).toBe(1);
  }, 20_000);
});
