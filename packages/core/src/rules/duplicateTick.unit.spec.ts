import fc from 'fast-check';
import type { Tick } from '../commands/tick';
import { admitTick, type TickLedger } from './duplicateTick';

const tick = (ts: number, price: number, extra: Partial<Tick> = {}): Tick => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts,
  price,
  ...extra,
});

/** Delivers ticks in turn; true for each one the rule applies, false for a duplicate. */
const deliver = (ticks: readonly Tick[]): boolean[] => {
  let ledger: TickLedger | undefined;
  return ticks.map((t) => {
    const next = admitTick(ledger, t);
    if (next === null) return false;
    ledger = next;
    return true;
  });
};

describe('the duplicate-tick rule (SEMANTICS §6)', () => {
  it('applies the first tick of a symbol', () => {
    expect(deliver([tick(1000, 100)])).toEqual([true]);
  });

  it('a tick older than the last applied one is a duplicate', () => {
    expect(deliver([tick(1000, 100), tick(2000, 102), tick(1000, 100), tick(1500, 99)])).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('without ids, a tick at the same time is a duplicate only when equal in every field', () => {
    expect(
      deliver([
        tick(1000, 100),
        tick(1000, 100),
        tick(1000, 100.5),
        tick(1000, 100.5, { bid: 100.4 }),
        tick(1000, 100.5, { bid: 100.4 }),
        tick(1000, 100.5, { bid: 100.4, ask: 100.6 }),
      ]),
    ).toEqual([true, false, true, true, false, true]);
  });

  it('with ids, a tick at the same time is a duplicate when its id was applied at that time', () => {
    expect(
      deliver([
        tick(1000, 100, { id: 't1' }),
        tick(1000, 100, { id: 't2' }),
        tick(1000, 101, { id: 't1' }),
        tick(1000, 100, { id: 't2' }),
        tick(2000, 100, { id: 't3' }),
        tick(2000, 100, { id: 't1' }),
      ]),
    ).toEqual([true, true, false, false, true, true]);
  });

  it('an id is remembered only at the time it was applied: a later time starts afresh', () => {
    expect(
      deliver([tick(1000, 100, { id: 'a' }), tick(2000, 101), tick(2000, 101, { id: 'a' })]),
    ).toEqual([true, true, true]);
  });

  it('property: the same tick delivered twice in a row changes nothing the second time', () => {
    const aTick = fc.record({
      ts: fc.integer({ min: 0, max: 10_000 }),
      price: fc.integer({ min: 1, max: 1000 }),
      id: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(aTick, { maxLength: 30 }), aTick, (history, t) => {
        let ledger: TickLedger | undefined;
        for (const h of history)
          ledger =
            admitTick(ledger, tick(h.ts, h.price, h.id === undefined ? {} : { id: h.id })) ??
            ledger;
        const delivered = tick(t.ts, t.price, t.id === undefined ? {} : { id: t.id });
        const first = admitTick(ledger, delivered);
        const after = first ?? ledger;
        expect(admitTick(after, { ...delivered })).toBeNull();
      }),
    );
  });

  it('property: whatever was applied, an older tick is never applied', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 30 }),
        (times) => {
          let ledger: TickLedger | undefined;
          let latest = -1;
          for (const ts of times) {
            const next = admitTick(ledger, tick(ts, 100 + (ts % 7)));
            if (next !== null) {
              expect(ts).toBeGreaterThanOrEqual(latest);
              latest = ts;
              ledger = next;
            } else expect(ts).toBeLessThanOrEqual(latest);
          }
        },
      ),
    );
  });
});
