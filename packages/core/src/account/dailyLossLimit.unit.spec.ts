import fc from 'fast-check';
import Big from 'big.js';
import { accountEvent as ev } from './accountEvent';
import {
  accountSpec,
  BTC,
  ETH,
  fill,
  HOUR,
  manualTrip,
  T,
  tick,
} from './accountFixtures.spec.helper';
import { dailyLossBreach } from './dailyLossLimit';
import { sessionPnl } from './positions';

const DAY_START = Date.UTC(2024, 0, 2);
const NEXT_DAY = Date.UTC(2024, 0, 3);

describe('the daily loss limit (realised + unrealised over the session)', () => {
  const spec = accountSpec({ dailyLossLimit: 500 });
  const long10 = spec.history(fill(T, 'BUY', 100, 10));

  it('opens the session on the first fill and records the fill at average cost', () => {
    spec
      .given()
      .when(fill(T, 'BUY', 100, 10))
      .then([
        ev('SessionRolled', T, {
          session: '2024-01-02',
          previous: null,
          startsAt: DAY_START,
          endsAt: NEXT_DAY,
          previousSessionPnl: null,
          carriedUnrealisedPnl: 0,
        }),
        ev('FillRecorded', T, {
          orderId: 'o-1',
          clientOrderId: null,
          symbol: BTC,
          side: 'BUY',
          price: 100,
          quantity: 10,
          reduceOnly: false,
          position: 10,
          averagePrice: 100,
          realisedPnl: 0,
          sessionPnl: 0,
        }),
      ]);
  });

  it('does not trip while the loss marked to the last price is short of the limit', () => {
    spec
      .given(long10)
      .when(tick(T + 1, 60), tick(T + 2, 50.01))
      .then([]);
  });

  it('trips on the tick whose unrealised loss reaches the limit: tripped, halted, flatten requested', () => {
    const state = spec
      .given(long10)
      .when(tick(T + 1, 60), tick(T + 2, 50))
      .then([
        ev('KillSwitchTripped', T + 2, {
          reason: 'DAILY_LOSS_LIMIT',
          detail: 'session 2024-01-02 P&L -500 reached the daily loss limit of 500',
          symbol: null,
          value: -500,
          limit: 500,
          marks: { [BTC]: 50 },
        }),
        ev('TradingStateChanged', T + 2, {
          from: 'ACTIVE',
          to: 'HALTED',
          reason: 'KILL_SWITCH_TRIPPED',
        }),
        ev('FlattenRequested', T + 2, {
          reason: 'DAILY_LOSS_LIMIT',
          flatten: 1,
          positions: [{ symbol: BTC, quantity: 10 }],
          workingOrders: [],
        }),
      ]);
    expect(state.tradingState).toBe('HALTED');
    expect(state.killSwitch?.reason).toBe('DAILY_LOSS_LIMIT');
  });

  it('adds the realised loss to the unrealised one', () => {
    // Sold 5 at 80: −100 realised; the other 5 marked at 20: −400 unrealised.
    const history = spec.history(fill(T, 'BUY', 100, 10), fill(T + 1, 'SELL', 80, 5));
    spec
      .given(history)
      .when(tick(T + 2, 20.01))
      .then([]);
    const tripped = spec.given(history).when(tick(T + 2, 20)).result;
    expect(tripped._tag === 'Right' && tripped.right.events[0]?.data).toMatchObject({
      value: -500,
    });
  });

  it('trips on the fill that realises the loss', () => {
    const events = spec.history(fill(T, 'BUY', 100, 10), fill(T + 1, 'SELL', 50, 10));
    expect(events.map((e) => e.type)).toEqual([
      'SessionRolled',
      'FillRecorded',
      'FillRecorded',
      'KillSwitchTripped',
      'TradingStateChanged',
      'FlattenRequested',
    ]);
    expect(events[3]?.data).toMatchObject({ reason: 'DAILY_LOSS_LIMIT', value: -500 });
  });

  it('counts net P&L: the fees of the fills bring a loss short of the limit to it (SEMANTICS §9.2)', () => {
    // 9.95 × 49.99 lost is 497.40 gross, short of 500; the fees (0.05 BTC at 100, 0.05 USDT) make 502.45.
    const events = spec.history(
      fill(T, 'BUY', 100, 10, { fee: { amount: 0.05, asset: 'BTC' } }),
      fill(T + 1, 'SELL', 50.01, 9.95, { reduceOnly: true, fee: { amount: 0.05, asset: 'USDT' } }),
    );
    expect(events[1]?.data).toMatchObject({
      position: 9.95,
      realisedPnl: -5,
      fee: { amount: 0.05, asset: 'BTC' },
    });
    expect(events[2]?.data).toMatchObject({ position: 0, realisedPnl: -497.4505 });
    expect(events[3]?.data).toMatchObject({ reason: 'DAILY_LOSS_LIMIT', value: -502.4505 });
  });

  it('marks the other symbols at the prices the engine gives, not at their old fills', () => {
    const history = spec.history(
      fill(T, 'BUY', 100, 4),
      fill(T + 1, 'BUY', 10, 40, { symbol: ETH, orderId: 'o-2' }),
    );
    // BTC −200 at 50; ETH at its fill price would be flat, at 2.5 it is −300.
    spec
      .given(history)
      .when(tick(T + 2, 50))
      .then([]);
    const state = spec
      .given(history)
      .when(tick(T + 2, 50, BTC, { [ETH]: 2.5 }))
      .then([
        ev('KillSwitchTripped', T + 2, {
          reason: 'DAILY_LOSS_LIMIT',
          detail: 'session 2024-01-02 P&L -500 reached the daily loss limit of 500',
          symbol: null,
          value: -500,
          limit: 500,
          marks: { [BTC]: 50, [ETH]: 2.5 },
        }),
        ev('TradingStateChanged', T + 2, {
          from: 'ACTIVE',
          to: 'HALTED',
          reason: 'KILL_SWITCH_TRIPPED',
        }),
        ev('FlattenRequested', T + 2, {
          reason: 'DAILY_LOSS_LIMIT',
          flatten: 1,
          positions: [
            { symbol: BTC, quantity: 4 },
            { symbol: ETH, quantity: 40 },
          ],
          workingOrders: [],
        }),
      ]);
    expect(state.positions[ETH]?.mark).toBe(2.5);
  });

  it('counts a short the mirror way', () => {
    const history = spec.history(fill(T, 'SELL', 100, 10));
    spec
      .given(history)
      .when(tick(T + 1, 149.99))
      .then([]);
    const result = spec.given(history).when(tick(T + 1, 150)).result;
    expect(result._tag === 'Right' && result.right.events[0]?.data).toMatchObject({ value: -500 });
  });

  it('records nothing new on a second breach while tripped', () => {
    const tripped = spec.history(fill(T, 'BUY', 100, 10), tick(T + 1, 50));
    spec
      .given(tripped)
      .when(tick(T + 2, 40), fill(T + 3, 'BUY', 40, 1), manualTrip(T + 4))
      .then([
        ev('FillRecorded', T + 3, {
          orderId: 'o-1',
          clientOrderId: null,
          symbol: BTC,
          side: 'BUY',
          price: 40,
          quantity: 1,
          reduceOnly: false,
          position: 11,
          averagePrice: 94.545454545455,
          realisedPnl: 0,
          sessionPnl: -600,
        }),
      ]);
  });

  it('counts only what a position carried over the session start moved since then', () => {
    // Bought at 100 the day before, 70 at the new session's first tick: −300 carried in.
    const history = spec.history(fill(DAY_START - HOUR, 'BUY', 100, 10), tick(DAY_START - 1, 70));
    const state = spec
      .given(history)
      .when(tick(DAY_START + 1, 70), tick(DAY_START + 2, 21))
      .then([
        ev('SessionRolled', DAY_START + 1, {
          session: '2024-01-02',
          previous: '2024-01-01',
          startsAt: DAY_START,
          endsAt: NEXT_DAY,
          previousSessionPnl: -300,
          carriedUnrealisedPnl: -300,
        }),
      ]);
    expect(state.session?.carriedUnrealisedPnl).toBe(-300);
    const result = spec
      .given(history)
      .when(tick(DAY_START + 1, 70), tick(DAY_START + 2, 20)).result;
    expect(result._tag === 'Right' && result.right.events[1]?.data).toMatchObject({ value: -500 });
  });

  it('decides nothing on a tick of an account without a loss limit', () => {
    const plain = accountSpec();
    plain
      .given(plain.history(fill(T, 'BUY', 100, 10)))
      .when(tick(T + 1, 1))
      .then([]);
  });

  it('trips exactly at the limit in exact decimals, however the floating-point sum rounds', () => {
    const cents = (max: number) => fc.integer({ min: 1, max }).map((n) => n / 100);
    const lot = fc.record({
      side: fc.constantFrom('BUY' as const, 'SELL' as const),
      price: cents(30_000),
      quantity: cents(300),
      symbol: fc.constantFrom(BTC, ETH),
    });
    fc.assert(
      fc.property(
        fc.array(lot, { minLength: 1, maxLength: 6 }),
        cents(30_000),
        cents(30_000),
        (lots, btc, eth) => {
          const wide = accountSpec({ dailyLossLimit: 1e12 });
          const state = wide
            .given(
              wide.history(
                ...lots.map((l, i) =>
                  fill(T + i, l.side, l.price, l.quantity, { symbol: l.symbol }),
                ),
              ),
            )
            .when()
            .then([]);
          const marks = { [BTC]: btc, [ETH]: eth };
          const pnl = sessionPnl(state, marks);
          fc.pre(pnl !== null && pnl < 0);
          if (pnl === null) return;
          const at = (limit: number) =>
            dailyLossBreach({ ...state, risk: { ...state.risk, dailyLossLimit: limit } }, marks);
          expect(at(-pnl)?.value).toBe(pnl);
          expect(at(new Big(-pnl).plus(1e-8).toNumber())).toBeNull();
        },
      ),
    );
  });
});
