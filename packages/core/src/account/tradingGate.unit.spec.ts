import { accountSpec, BTC, check, ETH, fill, manualTrip, T } from './accountFixtures.spec.helper';
import type { AccountCommand } from './accountCommand';

const reducing: AccountCommand = {
  type: 'SetTradingState',
  ts: T + 1,
  to: 'REDUCING',
  by: 'alice',
};

describe('the trading gate (CheckOrder)', () => {
  const spec = accountSpec();

  it('lets everything through while ACTIVE', () => {
    for (const kind of [
      'ENTRY',
      'MODIFY_ADDS_RISK',
      'MODIFY_REDUCES_RISK',
      'CANCEL',
      'REDUCE_ONLY_EXIT',
    ] as const) {
      spec.given().when(check(T, kind)).then([]);
    }
  });

  describe('HALTED', () => {
    const halted = spec.history(fill(T, 'BUY', 100, 1), manualTrip(T + 1, 'fat finger'));

    it.each(['ENTRY', 'MODIFY_ADDS_RISK'] as const)(
      'refuses %s, naming the state, the cause and what is allowed',
      (kind) => {
        const error = spec
          .given(halted)
          .when(check(T + 2, kind))
          .thenRejects(
            'TRADING_HALTED',
            `${kind} on ${BTC} refused: account acc-1 is HALTED because the kill switch tripped (MANUAL: fat finger)`,
          );
        expect(error.tradingState).toBe('HALTED');
        expect(error.allowed).toEqual(['MODIFY_REDUCES_RISK', 'CANCEL', 'REDUCE_ONLY_EXIT']);
        expect(error.message).toContain('allowed: MODIFY_REDUCES_RISK, CANCEL, REDUCE_ONLY_EXIT');
      },
    );

    it('refuses a second exit of a symbol whose flatten exit is working, and no other', () => {
      const exiting = spec.history(fill(T, 'BUY', 100, 1), manualTrip(T + 1), {
        type: 'FlattenProgress',
        ts: T + 2,
        positions: [{ symbol: BTC, quantity: 1 }],
        workingOrders: [],
      });
      const error = spec
        .given(exiting)
        .when(check(T + 3, 'REDUCE_ONLY_EXIT'))
        .thenRejects('FLATTEN_IN_PROGRESS', 'a second exit would sell the position twice');
      expect(error.allowed).toEqual(['MODIFY_REDUCES_RISK', 'CANCEL']);
      spec
        .given(exiting)
        .when(check(T + 3, 'REDUCE_ONLY_EXIT', { symbol: ETH }), check(T + 3, 'CANCEL'))
        .then([]);
    });

    it('refuses even an entry that would reduce the position', () => {
      spec
        .given(halted)
        .when(check(T + 2, 'ENTRY', { side: 'SELL', quantity: 1 }))
        .thenRejects('TRADING_HALTED');
    });

    it.each(['CANCEL', 'REDUCE_ONLY_EXIT', 'MODIFY_REDUCES_RISK'] as const)(
      'lets %s through',
      (kind) => {
        spec
          .given(halted)
          .when(check(T + 2, kind))
          .then([]);
      },
    );
  });

  describe('REDUCING', () => {
    const long = spec.history(fill(T, 'BUY', 100, 2), reducing);

    it('refuses an entry that adds exposure, and a risk-adding modification', () => {
      spec
        .given(long)
        .when(check(T + 2, 'ENTRY', { side: 'BUY', quantity: 1 }))
        .thenRejects('TRADING_REDUCING', 'only orders that reduce exposure pass');
      spec
        .given(long)
        .when(check(T + 2, 'ENTRY'))
        .thenRejects('TRADING_REDUCING');
      spec
        .given(long)
        .when(check(T + 2, 'ENTRY', { side: 'SELL', quantity: 1, symbol: ETH }))
        .thenRejects('TRADING_REDUCING');
      spec
        .given(long)
        .when(check(T + 2, 'MODIFY_ADDS_RISK'))
        .thenRejects('TRADING_REDUCING');
    });

    it('lets an entry against the position through when it is no larger than the position', () => {
      spec
        .given(long)
        .when(check(T + 2, 'ENTRY', { side: 'SELL', quantity: 2 }))
        .then([]);
      spec
        .given(long)
        .when(check(T + 2, 'ENTRY', { side: 'SELL', quantity: 2.1 }))
        .thenRejects('TRADING_REDUCING');
    });

    it.each(['CANCEL', 'REDUCE_ONLY_EXIT', 'MODIFY_REDUCES_RISK'] as const)(
      'lets %s through',
      (kind) => {
        spec
          .given(long)
          .when(check(T + 2, kind))
          .then([]);
      },
    );

    it('is left by hand for ACTIVE', () => {
      const state = spec
        .given(long)
        .when({ type: 'SetTradingState', ts: T + 2, to: 'ACTIVE', by: 'alice' })
        .then([
          {
            type: 'TradingStateChanged',
            ts: T + 2,
            data: { from: 'REDUCING', to: 'ACTIVE', reason: 'MANUAL', by: 'alice' },
          },
        ]);
      expect(state.tradingState).toBe('ACTIVE');
    });
  });

  it('cannot leave HALTED by SetTradingState', () => {
    spec
      .given(spec.history(manualTrip(T)))
      .when({ type: 'SetTradingState', ts: T + 1, to: 'ACTIVE', by: 'alice' })
      .thenRejects('TRADING_HALTED', 'leave it with ResetKillSwitch');
  });

  it('refuses everything, cancels included, while reconciling: nothing is sent before the comparison', () => {
    const reconciling = spec.history({ type: 'StartReconciliation', ts: T, reason: 'RECONNECT' });
    for (const kind of ['ENTRY', 'CANCEL', 'REDUCE_ONLY_EXIT'] as const) {
      const error = spec
        .given(reconciling)
        .when(check(T + 1, kind))
        .thenRejects('RECONCILIATION_PENDING', 'is reconciling (RECONNECT)');
      expect(error.allowed).toEqual([]);
    }
  });
});
