import {
  AccountEventCodec,
  fold,
  foldAccount,
  initialAccountState,
  orderView,
  type OrderEvent,
} from '@smart-orders/core';
import {
  accountStream,
  createEngine,
  getInMemoryEventStore,
  orderStream,
  type EventStore,
} from '@smart-orders/engine';
import { order, SYMBOL, tick, venues } from './venues.spec.helper';

/** Limits that the account checks on every tick and fill, none of which this run breaks. */
const RISK = { maxPosition: { [SYMBOL]: 10 }, dailyLossLimit: 1000 };

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

const foldedOrder = async (store: EventStore, orderId: string) =>
  fold(
    (await store.readStream(orderStream(orderId))).map(
      (e) => ({ type: e.type, ts: e.ts, data: e.data }) as OrderEvent,
    ),
  );

const foldedAccount = async (store: EventStore, id: string) => {
  const initial = initialAccountState(id, RISK);
  if (initial._tag === 'Left') throw new Error(initial.left.message);
  const events = (await store.readStream(accountStream(id))).map((e) => {
    const decoded = AccountEventCodec.decode({ type: e.type, ts: e.ts, data: e.data });
    if (decoded._tag === 'Left') throw new Error(`not an account event: ${e.type}`);
    return decoded.right;
  });
  return foldAccount(initial.right, events);
};

/**
 * The engine keeps the state each decision produced (the core folds every event once, as it
 * decides it) and never folds its events again: after every unit, what it holds is exactly the
 * fold of what its log holds, for every order and for the account.
 */
describe.each(venues)('the engine against %s', (_name, venue) => {
  it('holds, after every unit, the fold of its log: the orders and the account', async () => {
    const store = getInMemoryEventStore();
    const engine = createEngine({
      store,
      exchange: venue(),
      account: { id: 'fold', risk: RISK },
    });
    await engine.start();
    const ids = ['o-1', 'o-2', 'o-3'];
    await engine.process({
      commands: [
        order({ orderId: 'o-1', trailing: { callbackRate: 0.02 } }),
        order({
          orderId: 'o-2',
          side: 'SELL',
          takeProfits: [
            { price: 97, sizePct: 50 },
            { price: 94, sizePct: 50 },
          ],
          stopLoss: { price: 104 },
        }),
        order({ orderId: 'o-3', entry: { type: 'LIMIT', price: 99 }, stopLoss: { price: 90 } }),
      ],
    });
    const prices = [100, 101, 103, 98, 96, 99, 102, 104, 106, 93, 107];
    for (const [i, price] of prices.entries()) {
      await engine.tick(tick(10 + i * 10, price));
      await settle();
      for (const id of ids) {
        const held = engine.view(id);
        const folded = await foldedOrder(store, id);
        if (held === undefined) expect(folded === null || folded.status !== 'PENDING').toBe(true);
        else expect(held).toEqual(folded === null ? undefined : orderView(folded));
      }
      expect(engine.account()).toEqual(await foldedAccount(store, 'fold'));
    }
    // What the run went through: fills of every kind on the orders, and the account following them.
    const logged = async (stream: string) => (await store.readStream(stream)).map((e) => e.type);
    expect(await logged(orderStream('o-1'))).toEqual(
      expect.arrayContaining(['EntryFilled', 'TrailingRaised', 'StopLossFilled']),
    );
    expect(await logged(orderStream('o-2'))).toEqual(
      expect.arrayContaining(['TpFilled', 'StopLossFilled', 'SmartOrderStopped']),
    );
    expect(await logged(accountStream('fold'))).toEqual(
      expect.arrayContaining(['SessionRolled', 'FillRecorded', 'WorkingOrderAdded']),
    );
    await engine.process({ commands: [{ type: 'Cancel', orderId: 'o-3', ts: 200 }] });
    await settle();
    expect(engine.account()).toEqual(await foldedAccount(store, 'fold'));
    await engine.stop();
  });
});
