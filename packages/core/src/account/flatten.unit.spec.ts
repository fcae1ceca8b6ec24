import { accountEvent as ev } from './accountEvent';
import type { AccountCommand } from './accountCommand';
import {
  ACCOUNT,
  accountSpec,
  BTC,
  done,
  ETH,
  fill,
  manualTrip,
  progress,
  T,
  tick,
} from './accountFixtures.spec.helper';
import { flattenClientOrderId } from './flattenClientOrderId';

const exitCid = (symbol: string, attempt: number, flatten = 1): string =>
  flattenClientOrderId(ACCOUNT, symbol, flatten, attempt);

const exitFill = (
  ts: number,
  symbol: string,
  side: 'BUY' | 'SELL',
  price: number,
  quantity: number,
  attempt = 1,
) =>
  fill(ts, side, price, quantity, {
    symbol,
    orderId: ACCOUNT,
    clientOrderId: exitCid(symbol, attempt),
    reduceOnly: true,
  });

describe('the flatten: polled until the exchange reports flat', () => {
  const spec = accountSpec({ flattenTimeoutMs: 10_000 });
  const positions: AccountCommand[] = [
    fill(T, 'BUY', 100, 2),
    fill(T, 'SELL', 10, 5, { symbol: ETH, orderId: 'o-2' }),
  ];
  const tripped = spec.history(...positions, manualTrip(T + 1));
  const exiting = spec.history(
    ...positions,
    manualTrip(T + 1),
    progress(T + 2, [
      { symbol: BTC, quantity: 2 },
      { symbol: ETH, quantity: -5 },
    ]),
  );

  it('exits every position the exchange reports, with a market order for what the exchange holds', () => {
    spec
      .given(tripped)
      .when(
        progress(
          T + 2,
          [
            { symbol: BTC, quantity: 1.5 },
            { symbol: ETH, quantity: -5 },
          ],
          [{ clientOrderId: 'tp-1', symbol: BTC }],
        ),
      )
      .then([
        ev('FlattenExitRequested', T + 2, {
          symbol: BTC,
          side: 'SELL',
          quantity: 1.5,
          attempt: 1,
          clientOrderId: exitCid(BTC, 1),
        }),
        ev('FlattenExitRequested', T + 2, {
          symbol: ETH,
          side: 'BUY',
          quantity: 5,
          attempt: 1,
          clientOrderId: exitCid(ETH, 1),
        }),
      ]);
  });

  it('floors an exit to the step, and takes a remainder below one step for flat', () => {
    spec
      .given(tripped)
      .when(
        progress(
          T + 2,
          [
            { symbol: BTC, quantity: 1.23456 },
            { symbol: ETH, quantity: 0.0004 },
          ],
          [],
          { [BTC]: 0.001, [ETH]: 0.001 },
        ),
      )
      .then([
        ev('FlattenExitRequested', T + 2, {
          symbol: BTC,
          side: 'SELL',
          quantity: 1.234,
          attempt: 1,
          clientOrderId: exitCid(BTC, 1),
        }),
      ]);
  });

  it('never doubles an exit that is still working', () => {
    spec
      .given(exiting)
      .when(
        progress(T + 3, [
          { symbol: BTC, quantity: 2 },
          { symbol: ETH, quantity: -5 },
        ]),
      )
      .then([]);
  });

  /** The exits have filled `btc` of the 2 BTC and `eth` of the 5 ETH short. */
  const exitedBy = (btc: number, eth: number) =>
    spec.history(
      ...positions,
      manualTrip(T + 1),
      progress(T + 2, [
        { symbol: BTC, quantity: 2 },
        { symbol: ETH, quantity: -5 },
      ]),
      exitFill(T + 3, BTC, 'SELL', 99, btc),
      exitFill(T + 3, ETH, 'BUY', 10, eth),
    );
  const exited = exitedBy(2, 5);

  it('is not confirmed while the exchange still reports a working order, though the log is flat', () => {
    spec
      .given(exited)
      .when(progress(T + 4, [], [{ clientOrderId: 'tp-1', symbol: BTC }]))
      .then([]);
  });

  it('is not confirmed while the exchange still reports a position, though the log is flat: it exits again', () => {
    spec
      .given(exited)
      .when(progress(T + 4, [{ symbol: BTC, quantity: 0.5 }]))
      .then([
        ev('FlattenExitRequested', T + 4, {
          symbol: BTC,
          side: 'SELL',
          quantity: 0.5,
          attempt: 2,
          clientOrderId: exitCid(BTC, 2),
        }),
      ]);
  });

  it('is confirmed when the exchange reports no position and no working order', () => {
    const state = spec
      .given(exited)
      .when(progress(T + 5, []))
      .then([ev('FlattenConfirmed', T + 5, { elapsedMs: 4, closedAtMark: [] })]);
    expect(state.flatten).toBeNull();
    expect(state.tradingState).toBe('HALTED');
    spec
      .given(exited)
      .when(progress(T + 5, []), progress(T + 6, []))
      .then([ev('FlattenConfirmed', T + 5, { elapsedMs: 4, closedAtMark: [] })]);
  });

  it('is not confirmed while an exit the log holds working has not reported its end, though the exchange is flat', () => {
    // The exits filled on the exchange; their reports (with the prices) are still on their way.
    spec
      .given(exiting)
      .when(progress(T + 3, []))
      .then([]);
    // One exit reported its end, the other only a part of its fill.
    spec
      .given(exitedBy(2, 3))
      .when(progress(T + 4, []))
      .then([]);
  });

  it('is confirmed once the exits report their ends, the fills booked at their prices and nothing at the mark', () => {
    const decided = spec
      .given(exiting)
      .when(
        progress(T + 3, []),
        exitFill(T + 4, BTC, 'SELL', 99, 2),
        exitFill(T + 4, ETH, 'BUY', 10, 5),
        progress(T + 5, []),
      ).result;
    if (decided._tag === 'Left') throw new Error('refused');
    expect(
      decided.right.events.map((e) => [e.type, (e.data as { position?: number }).position]),
    ).toEqual([
      ['FillRecorded', 0],
      ['FillRecorded', 0],
      ['FlattenConfirmed', undefined],
    ]);
    expect(decided.right.events.at(-1)).toEqual(
      ev('FlattenConfirmed', T + 5, { elapsedMs: 4, closedAtMark: [] }),
    );
  });

  it('is confirmed at the mark when an exit has reported no end for flattenTimeoutMs without progress: the exchange is the truth', () => {
    spec
      .given(exiting)
      .when(progress(T + 1 + 10_000, []))
      .then([
        ev('FlattenConfirmed', T + 1 + 10_000, {
          elapsedMs: 10_000,
          closedAtMark: [
            { symbol: BTC, quantity: 2, price: 100, realisedPnl: 0 },
            { symbol: ETH, quantity: -5, price: 10, realisedPnl: 0 },
          ],
        }),
      ]);
  });

  it('closes at their marks the positions the log holds and the exchange does not', () => {
    const state = spec
      .given(tripped)
      .when(progress(T + 2, []))
      .then([
        ev('FlattenConfirmed', T + 2, {
          elapsedMs: 1,
          closedAtMark: [
            { symbol: BTC, quantity: 2, price: 100, realisedPnl: 0 },
            { symbol: ETH, quantity: -5, price: 10, realisedPnl: 0 },
          ],
        }),
      ]);
    expect(state.positions).toEqual({});
  });

  it('exits again what an exit reported done left open', () => {
    spec
      .given(exiting)
      .when(
        exitFill(T + 3, BTC, 'SELL', 99, 0.5),
        done(T + 3, exitCid(BTC, 1)),
        progress(T + 4, [
          { symbol: BTC, quantity: 1.5 },
          { symbol: ETH, quantity: -5 },
        ]),
      )
      .then([
        ev('FillRecorded', T + 3, {
          orderId: ACCOUNT,
          clientOrderId: exitCid(BTC, 1),
          symbol: BTC,
          side: 'SELL',
          price: 99,
          quantity: 0.5,
          reduceOnly: true,
          position: 1.5,
          averagePrice: 100,
          realisedPnl: -0.5,
          sessionPnl: null,
        }),
        ev('FlattenExitDone', T + 3, {
          symbol: BTC,
          clientOrderId: exitCid(BTC, 1),
          filledQuantity: 0.5,
        }),
        ev('FlattenExitRequested', T + 4, {
          symbol: BTC,
          side: 'SELL',
          quantity: 1.5,
          attempt: 2,
          clientOrderId: exitCid(BTC, 2),
        }),
      ]);
  });

  it('raises the timeout alert once, and keeps flattening', () => {
    const late = T + 1 + 10_000;
    spec
      .given(exiting)
      .when(
        progress(late - 1, [{ symbol: BTC, quantity: 2 }]),
        progress(
          late,
          [{ symbol: BTC, quantity: 2 }],
          [{ clientOrderId: exitCid(BTC, 1), symbol: BTC }],
        ),
        done(late + 1, exitCid(BTC, 1)),
        progress(late + 2, [{ symbol: BTC, quantity: 2 }]),
      )
      .then([
        ev('FlattenTimedOut', late, {
          elapsedMs: 10_000,
          timeoutMs: 10_000,
          positions: [{ symbol: BTC, quantity: 2 }],
          workingOrders: 1,
        }),
        ev('FlattenExitDone', late + 1, {
          symbol: BTC,
          clientOrderId: exitCid(BTC, 1),
          filledQuantity: 0,
        }),
        ev('FlattenExitRequested', late + 2, {
          symbol: BTC,
          side: 'SELL',
          quantity: 2,
          attempt: 2,
          clientOrderId: exitCid(BTC, 2),
        }),
      ]);
  });

  it('counts the timeout from the last fill of an exit: an exit filling in parts is progress, not a stuck flatten', () => {
    const late = T + 1 + 10_000;
    const moving = spec
      .given(exiting)
      .when(
        exitFill(T + 9_000, BTC, 'SELL', 99, 0.5),
        progress(
          late,
          [{ symbol: BTC, quantity: 1.5 }],
          [{ clientOrderId: exitCid(BTC, 1), symbol: BTC }],
        ),
        exitFill(T + 18_000, BTC, 'SELL', 99, 0.5),
        progress(
          T + 27_999,
          [{ symbol: BTC, quantity: 1 }],
          [{ clientOrderId: exitCid(BTC, 1), symbol: BTC }],
        ),
      ).result;
    expect(moving._tag === 'Right' && moving.right.events.map((e) => [e.type, e.ts])).toEqual([
      ['FillRecorded', T + 9_000],
      ['FillRecorded', T + 18_000],
    ]);
    const stalled = spec
      .given(exiting)
      .when(
        exitFill(T + 9_000, BTC, 'SELL', 99, 0.5),
        progress(
          T + 19_000,
          [{ symbol: BTC, quantity: 1.5 }],
          [{ clientOrderId: exitCid(BTC, 1), symbol: BTC }],
        ),
      ).result;
    expect(stalled._tag === 'Right' && stalled.right.events.map((e) => e.type)).toEqual([
      'FillRecorded',
      'FlattenTimedOut',
    ]);
  });

  it("closes both legs of a hedge-mode account's symbol, one exit at a time, and confirms only when both are closed", () => {
    const hedged = [
      { symbol: BTC, quantity: 1 },
      { symbol: BTC, quantity: -1 },
    ];
    const trip = spec.history(manualTrip(T + 1));
    // Long 1 and short 1 are not flat: the long is closed first, by a SELL on its side.
    const first = spec.given(trip).when({ ...progress(T + 2, hedged), readFrom: 0 }).result;
    expect(first._tag === 'Right' && first.right.events.map((e) => e.data)).toEqual([
      { symbol: BTC, side: 'SELL', quantity: 1, attempt: 1, clientOrderId: exitCid(BTC, 1) },
    ]);
    const longClosed = spec.history(
      manualTrip(T + 1),
      { ...progress(T + 2, hedged), readFrom: 0 },
      exitFill(T + 3, BTC, 'SELL', 100, 1),
    );
    // Then the short, by a BUY, once a reading shows the long closed.
    const second = spec.given(longClosed).when({
      ...progress(T + 4, [{ symbol: BTC, quantity: -1 }]),
      readFrom: longClosed.length,
    }).result;
    expect(second._tag === 'Right' && second.right.events.map((e) => e.data)).toEqual([
      { symbol: BTC, side: 'BUY', quantity: 1, attempt: 2, clientOrderId: exitCid(BTC, 2) },
    ]);
    const confirmed = spec
      .given(longClosed)
      .when({ ...progress(T + 4, []), readFrom: longClosed.length }).result;
    expect(confirmed._tag === 'Right' && confirmed.right.events.map((e) => e.type)).toEqual([
      'FlattenConfirmed',
    ]);
  });

  it('raises the timeout alert on a tick too, when the exchange cannot be polled', () => {
    spec
      .given(exiting)
      .when(tick(T + 10_000, 100), tick(T + 10_001, 100), tick(T + 20_000, 100))
      .then([
        ev('FlattenTimedOut', T + 10_001, {
          elapsedMs: 10_000,
          timeoutMs: 10_000,
          positions: [
            { symbol: BTC, quantity: 2 },
            { symbol: ETH, quantity: -5 },
          ],
          workingOrders: 0,
        }),
      ]);
  });

  it('ignores a poll when no flatten is under way', () => {
    spec
      .given()
      .when(progress(T, [{ symbol: BTC, quantity: 1 }]))
      .then([]);
  });
});
