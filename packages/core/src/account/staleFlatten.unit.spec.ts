import fc from 'fast-check';
import type { AccountCommand } from './accountCommand';
import {
  ACCOUNT,
  accountState,
  BTC,
  check,
  ETH,
  fill,
  manualTrip,
  progress,
  sent,
  T,
  tick,
} from './accountFixtures.spec.helper';
import type { AccountEvent, AccountEventOf } from './accountEvent';
import type { AccountState } from './accountState';
import { decideAccount } from './decideAccount';
import { foldAccount } from './evolveAccount';
import { staleFlattenDue, staleFlattenLimitError } from './staleFlatten';

/** SEMANTICS §7 v2: with flattenAfterStaleMs, a symbol silent that long has its positions flattened. */
const apply = (state: AccountState, command: AccountCommand): AccountState => {
  const decided = decideAccount(command, state);
  return decided._tag === 'Left' ? state : foldAccount(state, decided.right);
};

const stale = (ts: number, symbol = BTC): AccountCommand => ({
  type: 'MarkMarketDataStale',
  ts,
  symbol,
});

/** Long 0.5 BTC and 2 ETH, bought at T. */
const holding = (): AccountState =>
  [fill(T, 'BUY', 43_000, 0.5), fill(T, 'BUY', 2_000, 2, { symbol: ETH })].reduce(
    apply,
    accountState(),
  );

describe('flatten after stale market data', () => {
  it('given BTC stale, when it has been silent for flattenAfterStaleMs, then only the BTC position is flattened', () => {
    const state = apply(holding(), stale(T + 10_001));
    expect(staleFlattenDue(state, BTC, 29_999, 30_000)).toEqual([]);
    expect(staleFlattenDue(state, BTC, 30_000, 30_000)).toEqual([{ symbol: BTC, quantity: 0.5 }]);
    expect(staleFlattenDue(state, ETH, 30_000, 30_000)).toEqual([]);
  });

  it('given no flattenAfterStaleMs, when a symbol stays stale for ever, then nothing is flattened', () => {
    const state = apply(holding(), stale(T + 10_001));
    expect(staleFlattenDue(state, BTC, Number.MAX_SAFE_INTEGER, undefined)).toEqual([]);
  });

  it('given BTC stale, when a tick resumes it, then nothing is flattened however long it was silent before', () => {
    const state = apply(apply(holding(), stale(T + 10_001)), tick(T + 20_000, 43_100));
    expect(staleFlattenDue(state, BTC, 30_000, 30_000)).toEqual([]);
  });

  it('given BTC stale and flat, when the limit passes, then there is nothing to flatten', () => {
    const state = apply(accountState(), stale(T + 10_001));
    expect(staleFlattenDue(state, BTC, 30_000, 30_000)).toEqual([]);
  });

  it('given flattenAfterStaleMs at or below staleAfterMs, then the error names the field and the rule', () => {
    expect(staleFlattenLimitError(10_000, undefined)).toBeNull();
    expect(staleFlattenLimitError(10_000, 10_001)).toBeNull();
    expect(staleFlattenLimitError(10_000, 10_000)).toMatch(
      /^account\.flattenAfterStaleMs: 10000 is not allowed; it must be a whole number of milliseconds greater than account\.staleAfterMs \(10000\)/,
    );
    expect(staleFlattenLimitError(10_000, 12_000.5)).toMatch(/account\.flattenAfterStaleMs/);
  });

  it('property: what is flattened is exactly the stale symbol’s open position, once silent long enough', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(BTC, ETH),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 120_000 }),
        fc.option(fc.integer({ min: 1, max: 120_000 }), { nil: undefined }),
        (symbol, markedStale, resumed, silentForMs, limit) => {
          let state = holding();
          if (markedStale) state = apply(state, stale(T + 1, symbol));
          if (resumed) state = apply(state, tick(T + 2, 100, symbol));
          const due = staleFlattenDue(state, symbol, silentForMs, limit);
          const expected = markedStale && !resumed && limit !== undefined && silentForMs >= limit;
          expect(due.every((p) => p.symbol === symbol && p.quantity !== 0)).toBe(true);
          expect(due.length).toBe(expected ? 1 : 0);
        },
      ),
    );
  });

  it('property: the pair is allowed exactly when flattenAfterStaleMs is absent or a whole number above staleAfterMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.option(
          fc.oneof(
            fc.integer({ min: 1, max: 200_000 }),
            fc.double({ min: 1, max: 200_000, noNaN: true }),
          ),
          {
            nil: undefined,
          },
        ),
        (staleAfterMs, flattenAfterStaleMs) => {
          const allowed =
            flattenAfterStaleMs === undefined ||
            (Number.isInteger(flattenAfterStaleMs) && flattenAfterStaleMs > staleAfterMs);
          expect(staleFlattenLimitError(staleAfterMs, flattenAfterStaleMs) === null).toBe(allowed);
        },
      ),
    );
  });
});

const flattenStale = (ts: number, silentForMs: number, symbol = BTC): AccountCommand => ({
  type: 'FlattenStaleMarket',
  ts,
  symbol,
  silentForMs,
  flattenAfterStaleMs: 30_000,
});

const decided = (state: AccountState, command: AccountCommand): AccountEvent[] => {
  const result = decideAccount(command, state);
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right;
};

/** Long 0.5 BTC and 2 ETH with one working order on each symbol, BTC stale since T + 10 001. */
const staleWithOrders = (): AccountState =>
  [sent(T + 1, 'btc-tp', BTC, true), sent(T + 1, 'eth-tp', ETH, true), stale(T + 10_001)].reduce(
    apply,
    holding(),
  );

describe('the flatten of one stale symbol (FlattenStaleMarket)', () => {
  it('given BTC silent for flattenAfterStaleMs, then FlattenRequested names BTC, its position and its orders only, and the account keeps trading', () => {
    const state = staleWithOrders();
    expect(decided(state, flattenStale(T + 40_000, 29_999))).toEqual([]);
    const events = decided(state, flattenStale(T + 40_000, 30_000));
    expect(events).toEqual([
      {
        type: 'FlattenRequested',
        ts: T + 40_000,
        data: {
          reason: 'MARKET_DATA_STALE',
          flatten: 1,
          symbol: BTC,
          positions: [{ symbol: BTC, quantity: 0.5 }],
          workingOrders: [{ clientOrderId: 'btc-tp', symbol: BTC }],
        },
      },
    ]);
    const after = foldAccount(state, events);
    expect(after.tradingState).toBe('ACTIVE');
    expect(after.flatten).toMatchObject({ symbol: BTC, reason: 'MARKET_DATA_STALE' });
    // Once under way, asking again changes nothing.
    expect(decided(after, flattenStale(T + 41_000, 31_000))).toEqual([]);
  });

  it('given a symbol flatten, then an exit is asked for that symbol only and it is confirmed while the other symbol is still held', () => {
    const flattening = apply(staleWithOrders(), flattenStale(T + 40_000, 30_000));
    const holdings = [
      { symbol: BTC, quantity: 0.5 },
      { symbol: ETH, quantity: 2 },
    ];
    const exits = decided(
      flattening,
      progress(T + 40_500, holdings, [{ clientOrderId: 'eth-tp', symbol: ETH }]),
    );
    expect(exits.map((e) => e.type)).toEqual(['FlattenExitRequested']);
    expect(exits[0]?.data).toMatchObject({ symbol: BTC, side: 'SELL', quantity: 0.5 });
    const exiting = foldAccount(flattening, exits);
    const exitCid = (exits[0]?.data as { clientOrderId: string }).clientOrderId;
    const exited = apply(
      exiting,
      fill(T + 40_900, 'SELL', 42_900, 0.5, {
        orderId: ACCOUNT,
        clientOrderId: exitCid,
        reduceOnly: true,
      }),
    );
    const confirmed = decided(
      exited,
      progress(
        T + 41_000,
        [{ symbol: ETH, quantity: 2 }],
        [{ clientOrderId: 'eth-tp', symbol: ETH }],
      ),
    );
    expect(confirmed.map((e) => e.type)).toEqual(['FlattenConfirmed']);
    // The exit's fill closed BTC at its price: nothing is left to close at the mark.
    expect((confirmed[0] as AccountEventOf<'FlattenConfirmed'>).data.closedAtMark).toEqual([]);
    const after = foldAccount(exited, confirmed);
    expect(after.flatten).toBeNull();
    expect(after.positions[BTC]).toBeUndefined();
    expect(after.positions[ETH]?.quantity).toBe(2);
  });

  it('given a symbol flatten, then entries on that symbol are refused FLATTEN_IN_PROGRESS and entries elsewhere pass', () => {
    const flattening = apply(
      apply(staleWithOrders(), flattenStale(T + 40_000, 30_000)),
      tick(T + 40_100, 43_000),
    );
    const btc = decideAccount(check(T + 40_200, 'ENTRY'), flattening);
    expect(btc._tag === 'Left' && btc.left.code).toBe('FLATTEN_IN_PROGRESS');
    expect(decideAccount(check(T + 40_200, 'ENTRY', { symbol: ETH }), flattening)).toEqual({
      _tag: 'Right',
      right: [],
    });
  });

  it('given a symbol flatten with an exit working, when the kill switch trips, then the flatten widens to the account and keeps the exit', () => {
    const flattening = apply(staleWithOrders(), flattenStale(T + 40_000, 30_000));
    const exiting = apply(flattening, progress(T + 40_500, [{ symbol: BTC, quantity: 0.5 }]));
    const exit = exiting.flatten?.exits[BTC];
    const events = decided(exiting, manualTrip(T + 41_000));
    const request = events.find((e) => e.type === 'FlattenRequested');
    expect(request?.data).not.toHaveProperty('symbol');
    const after = foldAccount(exiting, events);
    expect(after.flatten).toMatchObject({ symbol: null, seq: 2, reason: 'MANUAL' });
    expect(after.flatten?.exits[BTC]).toEqual(exit);
    const more = decided(
      after,
      progress(T + 41_500, [
        { symbol: BTC, quantity: 0.5 },
        { symbol: ETH, quantity: 2 },
      ]),
    );
    expect(more.map((e) => e.type === 'FlattenExitRequested' && e.data.symbol)).toEqual([ETH]);
  });

  it('property: a symbol flatten never exits another symbol, and is confirmed exactly when that symbol is flat with no order working', () => {
    const flattening = apply(staleWithOrders(), flattenStale(T + 40_000, 30_000));
    const quantity = fc.constantFrom(0, 0.5, -0.25, 3);
    fc.assert(
      fc.property(
        quantity,
        quantity,
        fc.boolean(),
        fc.boolean(),
        (btc, eth, btcOrder, ethOrder) => {
          const positions = [
            { symbol: BTC, quantity: btc },
            { symbol: ETH, quantity: eth },
          ].filter((p) => p.quantity !== 0);
          const working = [
            ...(btcOrder ? [{ clientOrderId: 'btc-tp', symbol: BTC }] : []),
            ...(ethOrder ? [{ clientOrderId: 'eth-tp', symbol: ETH }] : []),
          ];
          const events = decided(flattening, progress(T + 40_500, positions, working));
          for (const e of events)
            if (e.type === 'FlattenExitRequested') expect(e.data.symbol).toBe(BTC);
          const confirmed = events.some((e) => e.type === 'FlattenConfirmed');
          expect(confirmed).toBe(btc === 0 && !btcOrder);
        },
      ),
    );
  });
});
