import fc from 'fast-check';
import type { AccountCommand } from './accountCommand';
import { accountState, BTC, ETH, fill, T, tick } from './accountFixtures.spec.helper';
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
