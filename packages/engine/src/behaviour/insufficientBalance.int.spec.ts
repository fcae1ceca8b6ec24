import { getScriptedExchange } from '@smart-orders/testkit';
import { createEngine } from '../createEngine';
import { getInMemoryEventStore } from '../stores/memoryEventStore';
import { orderStream, type StoredEvent } from '../ports/eventStore';
import { order, SYMBOL, tick } from './venues.spec.helper';
import { warningsInto } from './warningsInto.spec.helper';

// SEMANTICS §9.1: an exit refused for insufficient balance is a defect to prevent, not a state
// to retry: the balance moved outside the engine (a fee it did not know, a withdrawal). The
// engine records the refusal once, sends that order's exits no more, and the account compares
// the log with the exchange (a reconciliation).
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const refusingExits = () =>
  getScriptedExchange({
    script: (r) => (r.reduceOnly ? { refuse: 'INSUFFICIENT_BALANCE' } : {}),
  });

describe('an exit the exchange refuses for insufficient balance (SEMANTICS §9.1)', () => {
  it('is recorded once and never sent again, however many ticks pass the stop', async () => {
    const store = getInMemoryEventStore();
    const exchange = refusingExits();
    const engine = createEngine({ store, exchange });
    await engine.start();
    await engine.process({ commands: [order()] });
    await engine.tick(tick(10, 100));
    for (const [ts, price] of [
      [20, 94],
      [30, 93],
      [40, 92],
      [50, 91],
    ] as const)
      await engine.tick(tick(ts, price));
    await engine.stop();
    const exits = exchange.requests.filter((r) => r.reduceOnly);
    expect(exits).toHaveLength(1);
    const log = await store.readStream(orderStream('o-1'));
    const refused = log.filter((e) => e.type === 'ExchangeOrderRejected');
    expect(refused.map((e) => e.data)).toEqual([
      expect.objectContaining({
        clientOrderId: exits[0]?.clientOrderId,
        refusal: 'INSUFFICIENT_BALANCE',
      }),
    ]);
    expect(log.map((e) => e.type)).not.toContain('StopLossRetried');
    expect(engine.openOrders().map((o) => o.orderId)).toEqual(['o-1']);
  });

  it('holds a take-profit refused for balance too: the level is not triggered again', async () => {
    const store = getInMemoryEventStore();
    const exchange = refusingExits();
    const engine = createEngine({ store, exchange });
    await engine.start();
    await engine.process({ commands: [order()] });
    await engine.tick(tick(10, 100));
    await engine.tick(tick(20, 106));
    await engine.tick(tick(30, 107));
    await engine.tick(tick(40, 90));
    await engine.stop();
    expect(exchange.requests.filter((r) => r.reduceOnly)).toHaveLength(1);
    const log = await store.readStream(orderStream('o-1'));
    expect(log.filter((e) => e.type === 'TpTriggered')).toHaveLength(1);
    expect(log.filter((e) => e.type === 'StopLossTriggered')).toHaveLength(0);
  });

  it('tells the account: live, it reconciles the log with the exchange (reason INSUFFICIENT_BALANCE)', async () => {
    const exchange = refusingExits();
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange,
      account: { id: 'desk', liveProtocols: true, heartbeatMs: 100, symbols: [SYMBOL] },
      logger: warningsInto([]),
    });
    const log: StoredEvent[] = [];
    engine.events$.subscribe((e) => log.push(e));
    await engine.start();
    try {
      let ts = 1_000;
      const feed = (price: number) => engine.process({ tick: tick((ts += 1_000), price) });
      await feed(100);
      await engine.process({ commands: [order({ ts: ts + 1 })] });
      await feed(100);
      await feed(94);
      const reconciled = () =>
        log.filter(
          (e) =>
            e.type === 'ReconciliationStarted' &&
            (e.data as { reason?: string }).reason === 'INSUFFICIENT_BALANCE',
        );
      for (let i = 0; i < 40 && reconciled().length === 0; i++) await sleep(25);
      expect(reconciled()).toHaveLength(1);
      await feed(93);
      await feed(92);
      expect(exchange.requests.filter((r) => r.reduceOnly)).toHaveLength(1);
      expect(reconciled()).toHaveLength(1);
    } finally {
      await engine.stop();
    }
  });
});
