import { evolve } from '../state/evolve';
import type { OrderEvent } from '../events/orderEvent';
import type { OrderState, State } from '../state/orderState';
import { aSmartOrder, entryCid, entryFill, exchangeOnly } from '../testing/fixtures.spec.helper';
import { accountCommandsOf } from './accountFeed';

describe('the account feed: what an order event tells the account decider (SEMANTICS §7)', () => {
  it('an entry fill is a FillObserved of the lot it adds, and ends the entry order', () => {
    const [created] = exchangeOnly.history(aSmartOrder('BUY'));
    const prev = evolve(null, created as OrderEvent);
    const decided = exchangeOnly.given([created as OrderEvent]).when(entryFill(100, 1, 2)).result;
    if (decided._tag === 'Left') throw new Error(decided.left.error.message);
    const events = decided.right.events;
    const filled = events.find((e) => e.type === 'EntryFilled') as OrderEvent;
    const next = evolve(prev, filled) as OrderState;
    const commands = accountCommandsOf(prev, next, filled, []);
    expect(commands).toEqual([
      expect.objectContaining({
        type: 'FillObserved',
        side: 'BUY',
        price: 100,
        quantity: 1,
        reduceOnly: false,
      }),
      { type: 'OrderDone', ts: 2, clientOrderId: entryCid },
    ]);
  });

  it('a fill’s fee goes to the account with it: the position net of a base-asset fee, the session’s P&L net of every fee', () => {
    const [created] = exchangeOnly.history(aSmartOrder('BUY'));
    const prev = evolve(null, created as OrderEvent);
    const decided = exchangeOnly
      .given([created as OrderEvent])
      .when({ ...entryFill(100, 1, 2), fee: { amount: 0.001, asset: 'BTC' } }).result;
    if (decided._tag === 'Left') throw new Error(decided.left.error.message);
    const filled = decided.right.events.find((e) => e.type === 'EntryFilled') as OrderEvent;
    const next = evolve(prev, filled) as OrderState;
    expect(accountCommandsOf(prev, next, filled, [])[0]).toMatchObject({
      type: 'FillObserved',
      quantity: 1,
      fee: { amount: 0.001, asset: 'BTC' },
    });
  });

  it('an event that sends an order is an OrderSent of each', () => {
    const [created] = exchangeOnly.history(aSmartOrder('BUY'));
    const next = evolve(null, created as OrderEvent) as OrderState;
    const prev: State = null;
    expect(
      accountCommandsOf(prev, next, created as OrderEvent, [
        { symbol: 'BTC/USDT', clientOrderId: entryCid, reduceOnly: false },
      ]),
    ).toEqual([
      {
        type: 'OrderSent',
        ts: (created as OrderEvent).ts,
        symbol: 'BTC/USDT',
        clientOrderId: entryCid,
        reduceOnly: false,
      },
    ]);
  });
});
