import { accountEvent as ev } from './accountEvent';
import {
  accountSpec,
  BTC,
  check,
  fill,
  manualTrip,
  progress,
  resetBy,
  sent,
  T,
} from './accountFixtures.spec.helper';

describe('the kill switch', () => {
  const spec = accountSpec();

  it('trips by hand: tripped, halted, and a flatten of what the log holds and of its working orders', () => {
    spec
      .given(spec.history(fill(T, 'BUY', 100, 2), sent(T, 'tp-1', BTC, true)))
      .when(manualTrip(T + 1, 'news: exchange hacked'))
      .then([
        ev('KillSwitchTripped', T + 1, {
          reason: 'MANUAL',
          detail: 'news: exchange hacked',
          symbol: null,
          value: null,
          limit: null,
          marks: {},
        }),
        ev('TradingStateChanged', T + 1, {
          from: 'ACTIVE',
          to: 'HALTED',
          reason: 'KILL_SWITCH_TRIPPED',
        }),
        ev('FlattenRequested', T + 1, {
          reason: 'MANUAL',
          flatten: 1,
          positions: [{ symbol: BTC, quantity: 2 }],
          workingOrders: [{ clientOrderId: 'tp-1', symbol: BTC }],
        }),
      ]);
  });

  it('records the watchdog’s trip for lost heartbeats the same way', () => {
    const events = spec.history({
      type: 'TripKillSwitch',
      ts: T,
      reason: 'HEARTBEAT_LOST',
      detail: 'silent for 45 s',
    });
    expect(events.map((e) => [e.type, (e.data as { reason?: string }).reason])).toEqual([
      ['KillSwitchTripped', 'HEARTBEAT_LOST'],
      ['TradingStateChanged', 'KILL_SWITCH_TRIPPED'],
      ['FlattenRequested', 'HEARTBEAT_LOST'],
    ]);
  });

  it('is idempotent: a second trip while tripped records nothing', () => {
    spec
      .given(spec.history(manualTrip(T)))
      .when(manualTrip(T + 1, 'again'))
      .then([]);
  });

  it('refuses a reset while the flatten is not confirmed, and says how to proceed', () => {
    spec
      .given(spec.history(manualTrip(T)))
      .when(resetBy(T + 1))
      .thenRejects(
        'FLATTEN_IN_PROGRESS',
        'wait for FlattenConfirmed, or reset with abandonFlatten: true',
      );
  });

  it('resets once the flatten is confirmed, back to the state before the trip', () => {
    const state = spec
      .given(spec.history(manualTrip(T), progress(T + 1, [])))
      .when(resetBy(T + 2))
      .then([
        ev('KillSwitchReset', T + 2, { by: 'alice', reason: 'MANUAL', trippedAt: T, to: 'ACTIVE' }),
        ev('TradingStateChanged', T + 2, {
          from: 'HALTED',
          to: 'ACTIVE',
          reason: 'KILL_SWITCH_RESET',
        }),
      ]);
    expect(state.killSwitch).toBeNull();
    spec
      .given(spec.history(manualTrip(T), progress(T + 1, []), resetBy(T + 2)))
      .when(check(T + 3, 'ENTRY'))
      .then([]);
  });

  it('resets into REDUCING when told, a cautious way back', () => {
    const state = spec
      .given(spec.history(manualTrip(T), progress(T + 1, [])))
      .when(resetBy(T + 2, { to: 'REDUCING' }))
      .then([
        ev('KillSwitchReset', T + 2, {
          by: 'alice',
          reason: 'MANUAL',
          trippedAt: T,
          to: 'REDUCING',
        }),
        ev('TradingStateChanged', T + 2, {
          from: 'HALTED',
          to: 'REDUCING',
          reason: 'KILL_SWITCH_RESET',
        }),
      ]);
    expect(state.tradingState).toBe('REDUCING');
  });

  it('abandons an unconfirmed flatten only when told, and records what was left open', () => {
    const state = spec
      .given(spec.history(fill(T, 'BUY', 100, 2), manualTrip(T + 1)))
      .when(resetBy(T + 2, { abandonFlatten: true }))
      .then([
        ev('FlattenAbandoned', T + 2, { by: 'alice', positions: [{ symbol: BTC, quantity: 2 }] }),
        ev('KillSwitchReset', T + 2, {
          by: 'alice',
          reason: 'MANUAL',
          trippedAt: T + 1,
          to: 'ACTIVE',
        }),
        ev('TradingStateChanged', T + 2, {
          from: 'HALTED',
          to: 'ACTIVE',
          reason: 'KILL_SWITCH_RESET',
        }),
      ]);
    expect(state.flatten).toBeNull();
  });

  it('refuses a reset when nothing tripped', () => {
    spec.given().when(resetBy(T)).thenRejects('KILL_SWITCH_NOT_TRIPPED', 'not tripped');
  });

  it('numbers each flatten, so that a later one never reuses an exit id', () => {
    const state = spec
      .given(spec.history(manualTrip(T), progress(T + 1, []), resetBy(T + 2)))
      .when(manualTrip(T + 3))
      .then([
        ev('KillSwitchTripped', T + 3, {
          reason: 'MANUAL',
          detail: 'operator pressed the button',
          symbol: null,
          value: null,
          limit: null,
          marks: {},
        }),
        ev('TradingStateChanged', T + 3, {
          from: 'ACTIVE',
          to: 'HALTED',
          reason: 'KILL_SWITCH_TRIPPED',
        }),
        ev('FlattenRequested', T + 3, {
          reason: 'MANUAL',
          flatten: 2,
          positions: [],
          workingOrders: [],
        }),
      ]);
    expect(state.flatten?.seq).toBe(2);
  });
});
