import { evolve } from '../state/evolve';
import type { OrderEvent } from '../events/orderEvent';
import type { OrderState, State } from '../state/orderState';
import {
  aSmartOrder,
  entryCid,
  entryFill,
  exchangeOnly,
  trade,
} from '../testing/fixtures.spec.helper';
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

  it('the last lot of an entry filled in parts is exact: 0.2 after 0.1566 adds 0.0434, not 0.04340000000000002', () => {
    const [created] = exchangeOnly.history(aSmartOrder('BUY'));
    const open = evolve(null, created as OrderEvent) as OrderState;
    const prev: OrderState = { ...open, entryFilledQuantity: 0.1566, entryPrice: 2682.51 };
    const decided = exchangeOnly
      .given([created as OrderEvent])
      .when(entryFill(2682.5, 1, 2)).result;
    if (decided._tag === 'Left') throw new Error(decided.left.error.message);
    const whole = decided.right.events.find((e) => e.type === 'EntryFilled') as OrderEvent;
    const filled = {
      ...whole,
      data: { ...whole.data, price: 2682.50174, quantity: 0.2 },
    } as OrderEvent;
    const next = evolve(prev, filled) as OrderState;
    expect(accountCommandsOf(prev, next, filled, [])[0]).toMatchObject({
      type: 'FillObserved',
      quantity: 0.0434,
      price: 2682.47193548,
    });
  });

  it('each part of an entry is a FillObserved at its own price and quantity; the entry order is done with the last (SEMANTICS §9.4)', () => {
    const history = exchangeOnly.history(
      aSmartOrder('BUY'),
      trade(entryCid, 100, 0.3, 2),
      trade(entryCid, 101, 1, 3, 0.7),
    );
    const commands = history.slice(1).flatMap((e, i) => {
      const prev = history.slice(0, i + 1).reduce<State>(evolve, null);
      return accountCommandsOf(prev, evolve(prev, e) as OrderState, e, []);
    });
    expect(commands).toEqual([
      expect.objectContaining({ type: 'FillObserved', price: 100, quantity: 0.3, ts: 2 }),
      expect.objectContaining({ type: 'FillObserved', price: 101, quantity: 0.7, ts: 3 }),
      { type: 'OrderDone', ts: 3, clientOrderId: entryCid },
    ]);
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
