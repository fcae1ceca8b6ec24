import fc from 'fast-check';
import { evolve } from '../state/evolve';
import type { OrderState, State } from '../state/orderState';
import { activeOrder, SIDES } from '../testing/fixtures.spec.helper';
import { orderCheckOf } from './orderCheck';

const stateOf = (side: 'BUY' | 'SELL'): OrderState =>
  activeOrder(side, { stopLoss: { price: side === 'BUY' ? 95 : 105 } }).reduce<State>(
    evolve,
    null,
  ) as OrderState;

describe.each(SIDES)('the risk classification of a command on a %s (SEMANTICS §7)', (side) => {
  const state = stateOf(side);
  const away = side === 'BUY' ? 90 : 110;
  const toward = side === 'BUY' ? 99 : 101;

  it('a create is an ENTRY, a Cancel a CANCEL', () => {
    expect(
      orderCheckOf(
        {
          type: 'CreateSmartOrder',
          orderId: 'n',
          ts: 5,
          exchange: 'paper',
          symbol: 'BTC/USDT',
          side,
          quantity: 2,
          entry: { type: 'MARKET' },
          takeProfits: [],
        },
        null,
      ),
    ).toEqual({ type: 'CheckOrder', ts: 5, kind: 'ENTRY', symbol: 'BTC/USDT', side, quantity: 2 });
    expect(orderCheckOf({ type: 'Cancel', orderId: 'o-1', ts: 5 }, state)).toMatchObject({
      kind: 'CANCEL',
    });
  });

  it('a stop moved away from the position adds risk; toward it reduces it', () => {
    const move = (price: number) =>
      orderCheckOf({ type: 'ModifyStopLoss', orderId: 'o-1', ts: 5, price }, state)?.kind;
    expect(move(away)).toBe('MODIFY_ADDS_RISK');
    expect(move(toward)).toBe('MODIFY_REDUCES_RISK');
  });

  it('break-even on reduces risk, off adds it; a trailing rate counts as adding it', () => {
    const toggle = (enabled: boolean) =>
      orderCheckOf({ type: 'ToggleBreakEven', orderId: 'o-1', ts: 5, enabled }, state)?.kind;
    expect(toggle(true)).toBe('MODIFY_REDUCES_RISK');
    expect(toggle(false)).toBe('MODIFY_ADDS_RISK');
    expect(
      orderCheckOf({ type: 'ModifyTrailing', orderId: 'o-1', ts: 5, callbackRate: 0.01 }, state)
        ?.kind,
    ).toBe('MODIFY_ADDS_RISK');
  });

  it('property: a stop move adds risk exactly when it widens the loss the stop allows', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 200, noNaN: true }), (price) => {
        const kind = orderCheckOf(
          { type: 'ModifyStopLoss', orderId: 'o-1', ts: 5, price },
          state,
        )?.kind;
        const widens = side === 'BUY' ? price < 95 : price > 105;
        return kind === (widens ? 'MODIFY_ADDS_RISK' : 'MODIFY_REDUCES_RISK');
      }),
    );
  });

  it('a command for an order that does not exist is not asked about (the core refuses it)', () => {
    expect(orderCheckOf({ type: 'Cancel', orderId: 'none', ts: 5 }, null)).toBeNull();
  });
});
