import { getScriptedExchange } from '@smart-orders/testkit';
import { createEngine, getInMemoryEventStore, orderStream } from '@smart-orders/engine';
import { order, SYMBOL, tick, types, venues } from './venues.spec.helper';
import { warningsInto } from './warningsInto.spec.helper';

describe('recovery of an exit whose outcome is unknown (SEMANTICS §6)', () => {
  it('an exit that never reached the exchange is sent again after a restart, with the same id', async () => {
    const store = getInMemoryEventStore();
    const lost = getScriptedExchange({
      script: (r) => (r.reduceOnly ? { noAnswer: 'LOST' } : {}),
    });
    const warnings: string[] = [];
    const first = createEngine({ store, exchange: lost, logger: warningsInto(warnings) });
    await first.start();
    await first.process({ commands: [order()] });
    await first.tick(tick(10, 100));
    await first.tick(tick(20, 106));
    await first.stop();
    expect(warnings.some((w) => w.includes('outcome unknown'))).toBe(true);
    const exit = lost.requests.find((r) => r.reduceOnly);
    expect(exit).toBeDefined();

    // A restart against a venue that never saw it: looked up, absent, sent again once.
    const venue = getScriptedExchange();
    const second = createEngine({ store, exchange: venue });
    await second.start();
    await second.stop();
    expect(venue.requests.map((r) => r.clientOrderId)).toEqual([exit?.clientOrderId]);
    expect(venue.requests[0]).toMatchObject({ triggerPrice: 106, ts: 20 });
    expect(types(await store.readStream(orderStream('o-1'))).at(-1)).toBe('SmartOrderClosed');
  });

  it('with the account guarded live, an exit recorded but never sent is no divergence at the restart: the gate opens and it is sent again', async () => {
    // The process died between recording the exit and sending it: the exchange never knew
    // it, so the start's reconciliation must not count it missing and halt the account.
    const store = getInMemoryEventStore();
    const account = { id: 'acct', liveProtocols: true, heartbeatMs: 60_000 };
    let dying = true;
    const venue = getScriptedExchange({
      script: (r) => (r.reduceOnly && dying ? { noAnswer: 'LOST' } : {}),
    });
    const first = createEngine({ store, exchange: venue, account, logger: warningsInto([]) });
    await first.start();
    await first.process({ commands: [order()] });
    await first.tick(tick(10, 100));
    await first.tick(tick(20, 106));
    await first.stop();
    const exit = venue.requests.find((r) => r.reduceOnly);

    // The same venue, holding the position the entry bought and no exit.
    dying = false;
    const sent = venue.requests.length;
    const second = createEngine({ store, exchange: venue, account, logger: warningsInto([]) });
    await second.start();
    await second.stop();
    expect(second.account()).toMatchObject({ gate: 'OPEN', tradingState: 'ACTIVE' });
    expect(types(await store.readStream('account-acct'))).not.toContain('ReconciliationDiverged');
    expect(venue.requests.slice(sent).map((r) => r.clientOrderId)).toEqual([exit?.clientOrderId]);
    expect(types(await store.readStream(orderStream('o-1'))).at(-1)).toBe('SmartOrderClosed');
  });

  it('an exit that reached the exchange without an answer is found by its id after a restart, never sent twice', async () => {
    const store = getInMemoryEventStore();
    const venue = getScriptedExchange({
      script: (r) => (r.reduceOnly && r.ts === 20 ? { noAnswer: 'PLACED' } : {}),
    });
    const first = createEngine({ store, exchange: venue });
    await first.start();
    await first.process({ commands: [order()] });
    await first.tick(tick(10, 100));
    await first.tick(tick(20, 106));
    await first.stop();
    const second = createEngine({ store, exchange: venue });
    await second.start();
    await second.stop();
    const exits = venue.requests.filter((r) => r.reduceOnly);
    expect(exits).toHaveLength(1);
    expect(types(await store.readStream(orderStream('o-1'))).at(-1)).toBe('SmartOrderClosed');
  });

  it('a trailing take-profit’s exit (SEMANTICS §8.2) is recovered like any other: recorded before it is sent, sent again with the same id', async () => {
    const store = getInMemoryEventStore();
    const lost = getScriptedExchange({
      script: (r) => (r.reduceOnly ? { noAnswer: 'LOST' } : {}),
    });
    const trailing = order({
      takeProfits: [{ price: 105, sizePct: 100, trailing: { callbackRate: 0.01 } }],
    });
    const first = createEngine({ store, exchange: lost, logger: warningsInto([]) });
    await first.start();
    await first.process({ commands: [trailing] });
    await first.tick(tick(10, 100));
    await first.tick(tick(20, 106));
    await first.tick(tick(30, 104.9));
    await first.stop();
    const exit = lost.requests.find((r) => r.reduceOnly);
    expect(exit).toMatchObject({ type: 'MARKET', triggerPrice: 104.9, quantity: 1 });
    expect(types(await store.readStream(orderStream('o-1')))).toContain('TpTrailArmed');

    const venue = getScriptedExchange();
    const second = createEngine({ store, exchange: venue });
    await second.start();
    await second.stop();
    expect(venue.requests.map((r) => r.clientOrderId)).toEqual([exit?.clientOrderId]);
    expect(types(await store.readStream(orderStream('o-1'))).at(-1)).toBe('SmartOrderClosed');
  });
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe.each(venues)('a restart against %s (SEMANTICS §6)', (_name, venue) => {
  // A live venue keeps the order while the engine is away; a paper book dies with its process.
  it.each([
    ['kept it', true],
    ['lost it', false],
  ])(
    'a resting entry is looked up by its id where the venue %s, sent again with that id where it is absent, and fills once',
    async (_kept, sameVenue) => {
      const store = getInMemoryEventStore();
      const before = venue();
      const first = createEngine({ store, exchange: before });
      await first.start();
      await first.process({
        commands: [order({ entry: { type: 'LIMIT', price: 90 }, stopLoss: { price: 85 } })],
      });
      await first.tick(tick(10, 100));
      await settle();
      await first.stop();
      const resting = await before.openOrders(SYMBOL);
      const entry = resting._tag === 'Right' ? resting.right[0]?.clientOrderId : undefined;
      expect(entry).toBeDefined();

      const after = sameVenue ? before : venue();
      const second = createEngine({ store, exchange: after });
      await second.start();
      const working = await after.openOrders(SYMBOL);
      expect(working._tag === 'Right' && working.right.map((o) => o.clientOrderId)).toEqual([
        entry,
      ]);
      await second.tick(tick(20, 89));
      await settle();
      await second.stop();
      const log = types(await store.readStream(orderStream('o-1')));
      expect(log.filter((t) => t === 'EntryFilled')).toHaveLength(1);
      expect(second.view('o-1')?.status).toBe('ACTIVE');
    },
  );
});
