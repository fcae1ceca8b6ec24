import fc from 'fast-check';
import type { AccountCommand } from './accountCommand';
import type { AccountEvent } from './accountEvent';
import { accountState, BTC, check, ETH, T, tick } from './accountFixtures.spec.helper';
import type { AccountState } from './accountState';
import { decideAccount } from './decideAccount';
import { foldAccount } from './evolveAccount';

/** SEMANTICS §7 v2: stale market data refuses entries on its symbol until its next tick. */
const stale = (ts: number, symbol = BTC, lastTickTs?: number): AccountCommand => ({
  type: 'MarkMarketDataStale',
  ts,
  symbol,
  ...(lastTickTs === undefined ? {} : { lastTickTs }),
});

const run = (state: AccountState, command: AccountCommand): [AccountState, AccountEvent[]] => {
  const decided = decideAccount(command, state);
  return decided._tag === 'Left' ? [state, []] : [foldAccount(state, decided.right), decided.right];
};

describe('stale market data', () => {
  it('is recorded once with the last tick’s time, refuses entries on its symbol only, and the next tick resumes it', () => {
    const [marked, events] = run(accountState(), stale(T, BTC, T - 12_000));
    expect(events).toEqual([
      { type: 'MarketDataStale', ts: T, data: { symbol: BTC, lastTickTs: T - 12_000 } },
    ]);
    expect(run(marked, stale(T + 1))[1]).toEqual([]);

    const entry = decideAccount(check(T + 2, 'ENTRY'), marked);
    expect(entry._tag === 'Left' && entry.left.code).toBe('MARKET_DATA_STALE');
    expect(entry._tag === 'Left' && entry.left.allowed).not.toContain('ENTRY');
    expect(decideAccount(check(T + 2, 'REDUCE_ONLY_EXIT'), marked)._tag).toBe('Right');
    expect(decideAccount(check(T + 2, 'ENTRY', { symbol: ETH }), marked)._tag).toBe('Right');

    const [resumed, after] = run(marked, tick(T + 3, 100));
    expect(after).toEqual([{ type: 'MarketDataResumed', ts: T + 3, data: { symbol: BTC } }]);
    expect(decideAccount(check(T + 4, 'ENTRY'), resumed)._tag).toBe('Right');
  });

  it('a symbol that never had a tick is recorded with lastTickTs null', () => {
    expect(run(accountState(), stale(T, ETH))[1][0]?.data).toEqual({
      symbol: ETH,
      lastTickTs: null,
    });
  });

  it('property: an entry passes on a symbol exactly when no stale mark is left unresumed by a tick', () => {
    const step = fc.oneof(
      fc.constantFrom(BTC, ETH).map((symbol) => ({ kind: 'stale' as const, symbol })),
      fc.constantFrom(BTC, ETH).map((symbol) => ({ kind: 'tick' as const, symbol })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let state = accountState();
        const isStale = new Set<string>();
        steps.forEach((s, i) => {
          const ts = T + i;
          if (s.kind === 'stale') {
            [state] = run(state, stale(ts, s.symbol));
            isStale.add(s.symbol);
          } else {
            [state] = run(state, tick(ts, 100, s.symbol));
            isStale.delete(s.symbol);
          }
        });
        for (const symbol of [BTC, ETH]) {
          const entry = decideAccount(check(T + 100, 'ENTRY', { symbol }), state);
          expect(entry._tag === 'Left' && entry.left.code === 'MARKET_DATA_STALE').toBe(
            isStale.has(symbol),
          );
        }
      }),
    );
  });
});
