import { accountEvent as ev } from './accountEvent';
import { accountSpec, BTC, done, ETH, sent, T } from './accountFixtures.spec.helper';

describe('the runaway guard', () => {
  describe('orders sent per minute', () => {
    const spec = accountSpec({ maxOrdersPerMinute: 3 });

    it('trips on the order that exceeds the limit within 60 s', () => {
      const history = spec.history(sent(T, 'c1'), sent(T + 1000, 'c2'), sent(T + 2000, 'c3'));
      spec
        .given(history)
        .when(sent(T + 59_999, 'c4'))
        .then([
          ev('WorkingOrderAdded', T + 59_999, {
            clientOrderId: 'c4',
            symbol: BTC,
            reduceOnly: false,
          }),
          ev('KillSwitchTripped', T + 59_999, {
            reason: 'RUNAWAY_ORDERS',
            detail: '4 orders sent in the last 60 s, more than the limit of 3 per minute',
            symbol: BTC,
            value: 4,
            limit: 3,
            marks: {},
          }),
          ev('TradingStateChanged', T + 59_999, {
            from: 'ACTIVE',
            to: 'HALTED',
            reason: 'KILL_SWITCH_TRIPPED',
          }),
          ev('FlattenRequested', T + 59_999, {
            reason: 'RUNAWAY_ORDERS',
            flatten: 1,
            positions: [],
            workingOrders: ['c1', 'c2', 'c3', 'c4'].map((clientOrderId) => ({
              clientOrderId,
              symbol: BTC,
            })),
          }),
        ]);
    });

    it('forgets sends older than 60 s: the window slides', () => {
      const history = spec.history(sent(T, 'c1'), sent(T + 1000, 'c2'), sent(T + 2000, 'c3'));
      spec
        .given(history)
        .when(sent(T + 60_000, 'c4'))
        .then([
          ev('WorkingOrderAdded', T + 60_000, {
            clientOrderId: 'c4',
            symbol: BTC,
            reduceOnly: false,
          }),
        ]);
    });

    it('counts a repeated report of one send once', () => {
      const history = spec.history(sent(T, 'c1'), sent(T + 1, 'c2'), sent(T + 2, 'c3'));
      spec
        .given(history)
        .when(sent(T + 3, 'c3'))
        .then([]);
    });
  });

  describe('working orders per symbol', () => {
    const spec = accountSpec({ maxWorkingOrdersPerSymbol: 2 });

    it('trips when a third order works on one symbol', () => {
      const result = spec
        .given(spec.history(sent(T, 'c1'), sent(T + 1, 'c2')))
        .when(sent(T + 2, 'c3')).result;
      expect(result._tag === 'Right' && result.right.events[1]?.data).toMatchObject({
        reason: 'RUNAWAY_ORDERS',
        detail: `3 orders working on ${BTC}, more than the limit of 2`,
        symbol: BTC,
        value: 3,
        limit: 2,
      });
    });

    it('counts only working orders of that symbol', () => {
      const history = spec.history(
        sent(T, 'c1'),
        sent(T + 1, 'c2'),
        done(T + 2, 'c1'),
        sent(T + 3, 'e1', ETH),
      );
      spec
        .given(history)
        .when(sent(T + 4, 'c3'))
        .then([
          ev('WorkingOrderAdded', T + 4, { clientOrderId: 'c3', symbol: BTC, reduceOnly: false }),
        ]);
    });

    it('ignores a done report of an order it never saw', () => {
      spec.given().when(done(T, 'nope')).then([]);
    });
  });
});
