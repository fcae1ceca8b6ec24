import fc from 'fast-check';
import { evolve } from '../state/evolve';
import type { OrderState, State } from '../state/orderState';
import { accountState } from '../account/accountFixtures.spec.helper';
import type { AccountState } from '../account/accountState';
import { activeOrder } from '../testing/fixtures.spec.helper';
import { tripCancels, tripMayCancel } from './tripCancels';

const open = activeOrder('BUY').reduce<State>(evolve, null) as OrderState;
const tripped: AccountState = {
  ...accountState(),
  killSwitch: { reason: 'MANUAL', trippedAt: 1, detail: 'drill' },
};

describe('what a kill switch trip cancels (SEMANTICS §7)', () => {
  it('every open smart order, without flatten: the account flattens the position as a whole', () => {
    expect(tripCancels(tripped, [open], 7)).toEqual([
      { type: 'Cancel', orderId: open.spec.orderId, ts: 7, flatten: false, leaveToAccount: true },
    ]);
  });

  it('nothing while the switch is not tripped, and never an order that has ended', () => {
    expect(tripCancels(accountState(), [open], 7)).toEqual([]);
    expect(tripCancels(tripped, [{ ...open, status: 'CLOSED' }], 7)).toEqual([]);
  });

  it("a symbol's own flatten (stale data) cancels that symbol's orders and leaves the others trading", () => {
    const eth: OrderState = {
      ...open,
      spec: { ...open.spec, orderId: 'o-eth', symbol: 'ETH/USDT' },
    };
    const flattening: AccountState = {
      ...accountState(),
      flatten: {
        seq: 1,
        reason: 'MARKET_DATA_STALE',
        symbol: eth.spec.symbol,
        requestedAt: 1,
        timedOut: false,
        progressAt: 1,
        filled: {},
        exits: {},
      },
    };
    expect(tripCancels(flattening, [open, eth], 7)).toEqual([
      { type: 'Cancel', orderId: 'o-eth', ts: 7, flatten: false, leaveToAccount: true },
    ]);
  });

  it('cancels something only when tripMayCancel holds, so the runtime may skip gathering the open orders otherwise', () => {
    const flatten = (symbol: string | null): AccountState['flatten'] => ({
      seq: 1,
      reason: 'MARKET_DATA_STALE',
      symbol,
      requestedAt: 1,
      timedOut: false,
      progressAt: 1,
      filled: {},
      exits: {},
    });
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.option(fc.constantFrom(null, 'BTC/USDT', 'ETH/USDT'), { nil: undefined }),
        fc.array(fc.constantFrom('BTC/USDT', 'ETH/USDT'), { maxLength: 4 }),
        (switched, flattening, symbols) => {
          const account: AccountState = {
            ...accountState(),
            killSwitch: switched ? { reason: 'MANUAL', trippedAt: 1, detail: 'drill' } : null,
            flatten: flattening === undefined ? null : flatten(flattening),
          };
          const orders = symbols.map((symbol, i) => ({
            ...open,
            spec: { ...open.spec, orderId: `o-${i}`, symbol },
          }));
          const cancels = tripCancels(account, orders, 7);
          if (!tripMayCancel(account)) expect(cancels).toEqual([]);
          if (switched) expect(cancels).toHaveLength(orders.length);
        },
      ),
    );
  });
});
