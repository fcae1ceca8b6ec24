import { accountEvent as ev } from './accountEvent';
import {
  accountSpec,
  BTC,
  check,
  fill,
  manualTrip,
  progress,
  T,
  tick,
} from './accountFixtures.spec.helper';

const NEXT_DAY = Date.UTC(2024, 0, 3);

describe('the session rollover', () => {
  const risk = { dailyLossLimit: 500, resetAtNextSession: true };
  const spec = accountSpec(risk);
  // Lost 500 on 2024-01-02 (tripped), flattened and confirmed flat.
  const trippedToday = spec.history(fill(T, 'BUY', 100, 10), tick(T + 1, 50), progress(T + 2, []));

  it('resets a daily-loss trip at the first tick of the next session, back to the state before it', () => {
    const state = spec
      .given(trippedToday)
      .when(tick(NEXT_DAY - 1, 50), tick(NEXT_DAY, 50))
      .then([
        ev('SessionRolled', NEXT_DAY, {
          session: '2024-01-03',
          previous: '2024-01-02',
          startsAt: NEXT_DAY,
          endsAt: NEXT_DAY + 86_400_000,
          previousSessionPnl: -500,
          carriedUnrealisedPnl: 0,
        }),
        ev('KillSwitchReset', NEXT_DAY, {
          by: 'SESSION_ROLLOVER',
          reason: 'DAILY_LOSS_LIMIT',
          trippedAt: T + 1,
          to: 'ACTIVE',
        }),
        ev('TradingStateChanged', NEXT_DAY, {
          from: 'HALTED',
          to: 'ACTIVE',
          reason: 'KILL_SWITCH_RESET',
        }),
      ]);
    expect(state.session?.realisedPnl).toBe(0);
    expect(
      spec.given(trippedToday).when(tick(NEXT_DAY, 50), check(NEXT_DAY + 1, 'ENTRY')).result._tag,
    ).toBe('Right');
  });

  it('does not reset without resetAtNextSession', () => {
    const manual = accountSpec({ dailyLossLimit: 500 });
    const history = manual.history(fill(T, 'BUY', 100, 10), tick(T + 1, 50), progress(T + 2, []));
    const state = manual
      .given(history)
      .when(tick(NEXT_DAY, 50))
      .then([
        ev('SessionRolled', NEXT_DAY, {
          session: '2024-01-03',
          previous: '2024-01-02',
          startsAt: NEXT_DAY,
          endsAt: NEXT_DAY + 86_400_000,
          previousSessionPnl: -500,
          carriedUnrealisedPnl: 0,
        }),
      ]);
    expect(state.tradingState).toBe('HALTED');
  });

  it('does not reset a trip for another reason: its cause is not a day’s losses', () => {
    const history = spec.history(fill(T, 'BUY', 100, 1), manualTrip(T + 1), progress(T + 2, []));
    const state = spec
      .given(history)
      .when(tick(NEXT_DAY, 100))
      .then([
        ev('SessionRolled', NEXT_DAY, {
          session: '2024-01-03',
          previous: '2024-01-02',
          startsAt: NEXT_DAY,
          endsAt: NEXT_DAY + 86_400_000,
          previousSessionPnl: 0,
          carriedUnrealisedPnl: 0,
        }),
      ]);
    expect(state.killSwitch?.reason).toBe('MANUAL');
  });

  it('does not reset while the flatten is still going', () => {
    const unconfirmed = spec.history(fill(T, 'BUY', 100, 10), tick(T + 1, 50));
    const state = spec
      .given(unconfirmed)
      .when(tick(NEXT_DAY, 50))
      .then([
        ev('SessionRolled', NEXT_DAY, {
          session: '2024-01-03',
          previous: '2024-01-02',
          startsAt: NEXT_DAY,
          endsAt: NEXT_DAY + 86_400_000,
          previousSessionPnl: -500,
          carriedUnrealisedPnl: -500,
        }),
        ev('FlattenTimedOut', NEXT_DAY, {
          elapsedMs: NEXT_DAY - (T + 1),
          timeoutMs: 30_000,
          positions: [{ symbol: BTC, quantity: 10 }],
          workingOrders: 0,
        }),
      ]);
    expect(state.killSwitch).not.toBeNull();
  });

  it('starts the new session from the marks of its start: a carried loss does not count twice', () => {
    const carried = accountSpec({ dailyLossLimit: 500 });
    // −400 on 2024-01-02; on 2024-01-03 the limit allows another 500 from 60, down to 10.
    const history = carried.history(fill(T, 'BUY', 100, 10), tick(T + 1, 60), tick(NEXT_DAY, 60));
    expect(history.at(-1)?.data).toMatchObject({
      session: '2024-01-03',
      carriedUnrealisedPnl: -400,
    });
    carried
      .given(history)
      .when(tick(NEXT_DAY + 1, 10.01))
      .then([]);
    const result = carried.given(history).when(tick(NEXT_DAY + 1, 10)).result;
    expect(result._tag === 'Right' && result.right.events[0]?.data).toMatchObject({
      reason: 'DAILY_LOSS_LIMIT',
      detail: 'session 2024-01-03 P&L -500 reached the daily loss limit of 500',
      marks: { [BTC]: 10 },
    });
  });
});
