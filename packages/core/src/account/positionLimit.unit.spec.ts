import { accountEvent as ev } from './accountEvent';
import { accountSpec, BTC, ETH, fill, T } from './accountFixtures.spec.helper';

describe('the position limit per symbol', () => {
  const spec = accountSpec({ maxPosition: { [BTC]: 2 } });

  it('allows a position up to the limit', () => {
    const events = spec.history(fill(T, 'BUY', 100, 1.5), fill(T + 1, 'BUY', 100, 0.5));
    expect(events.map((e) => e.type)).toEqual(['FillRecorded', 'FillRecorded']);
  });

  it('trips on the fill that takes the position beyond the limit', () => {
    spec
      .given(spec.history(fill(T, 'BUY', 100, 1.5)))
      .when(fill(T + 1, 'BUY', 101, 0.6))
      .then([
        ev('FillRecorded', T + 1, {
          orderId: 'o-1',
          clientOrderId: null,
          symbol: BTC,
          side: 'BUY',
          price: 101,
          quantity: 0.6,
          reduceOnly: false,
          position: 2.1,
          averagePrice: 100.285714285714,
          realisedPnl: 0,
          sessionPnl: null,
        }),
        ev('KillSwitchTripped', T + 1, {
          reason: 'POSITION_LIMIT',
          detail: `position 2.1 on ${BTC} exceeds the limit of 2`,
          symbol: BTC,
          value: 2.1,
          limit: 2,
          marks: { [BTC]: 101 },
        }),
        ev('TradingStateChanged', T + 1, {
          from: 'ACTIVE',
          to: 'HALTED',
          reason: 'KILL_SWITCH_TRIPPED',
        }),
        ev('FlattenRequested', T + 1, {
          reason: 'POSITION_LIMIT',
          flatten: 1,
          positions: [{ symbol: BTC, quantity: 2.1 }],
          workingOrders: [],
        }),
      ]);
  });

  it('counts a short the same way', () => {
    const events = spec.history(fill(T, 'SELL', 100, 2.5));
    expect(events[1]?.data).toMatchObject({ reason: 'POSITION_LIMIT', value: 2.5 });
  });

  it('does not trip on a fill that brings an oversized position down, but does on one that grows it', () => {
    // Tripped at 3, then reset without a flatten: the operator holds 3 above a limit of 2.
    const oversized = spec.history(fill(T, 'BUY', 100, 3), {
      type: 'ResetKillSwitch',
      ts: T + 1,
      by: 'alice',
      abandonFlatten: true,
    });
    spec
      .given(oversized)
      .when(fill(T + 2, 'SELL', 100, 0.5))
      .then([
        ev('FillRecorded', T + 2, {
          orderId: 'o-1',
          clientOrderId: null,
          symbol: BTC,
          side: 'SELL',
          price: 100,
          quantity: 0.5,
          reduceOnly: false,
          position: 2.5,
          averagePrice: 100,
          realisedPnl: 0,
          sessionPnl: null,
        }),
      ]);
    const grown = spec.given(oversized).when(fill(T + 2, 'BUY', 100, 0.1)).result;
    expect(grown._tag === 'Right' && grown.right.events[1]?.data).toMatchObject({
      reason: 'POSITION_LIMIT',
      value: 3.1,
    });
  });

  it('leaves symbols without a limit alone', () => {
    expect(spec.history(fill(T, 'BUY', 10, 1000, { symbol: ETH })).map((e) => e.type)).toEqual([
      'FillRecorded',
    ]);
  });
});
