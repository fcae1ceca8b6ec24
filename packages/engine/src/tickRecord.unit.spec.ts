import fc from 'fast-check';
import { admitTick, type Tick, type TickLedger } from '@smart-orders/core';
import { admit, type HeldLedger } from './runUnit';
import { tickRecordOf, rewriteTickRecord } from './tickRecord';

const SYMBOLS = ['BTC/USDT', 'ETH/USDT'];

/**
 * Ticks that often share a time, a price or an id, with any of the optional fields present or
 * absent: where the duplicate-tick rule compares field by field.
 */
const anyTick: fc.Arbitrary<Tick> = fc
  .record(
    {
      symbol: fc.constantFrom(...SYMBOLS),
      ts: fc.integer({ min: 1_000, max: 1_004 }),
      price: fc.constantFrom(100, 100.5),
      bid: fc.constantFrom(99.5, 100),
      ask: fc.constantFrom(100.5, 101),
      quantity: fc.constantFrom(0, 1, 2.5),
      bidSize: fc.constantFrom(1, 3),
      askSize: fc.constantFrom(1, 3),
      id: fc.constantFrom('t1', 't2', 't3'),
      offMarket: fc.boolean(),
    },
    { requiredKeys: ['symbol', 'ts'] },
  )
  .filter((t) => t.price !== undefined || t.bid !== undefined || t.ask !== undefined)
  .map((t) => ({ type: 'Tick' as const, ...t }));

/** The tick's fields as a record holds them: every field of a tick, undefined where absent. */
const allFields = (t: Tick) => ({ ...tickRecordOf({ type: 'Tick', symbol: '', ts: 0 }), ...t });

describe('the engine holds its last ticks in records of its own (tickRecord.ts)', () => {
  it('a record rewritten by a tick equals it in every field, and keeps its shape', () => {
    fc.assert(
      fc.property(anyTick, anyTick, (first, next) => {
        const record = tickRecordOf(first);
        const keys = Object.keys(record);
        expect(record).toEqual(allFields(first));
        rewriteTickRecord(record, next);
        expect(record).toEqual(allFields(next));
        expect(Object.keys(record)).toEqual(keys);
        expect(record).not.toBe(next);
      }),
    );
  });

  it('the duplicate-tick rule gives the same verdicts on ledgers held in place as on its own', () => {
    fc.assert(
      fc.property(fc.array(anyTick, { maxLength: 40 }), (ticks) => {
        const own = new Map<string, TickLedger>();
        const held = new Map<string, HeldLedger>();
        for (const tick of ticks) {
          const ledger = admitTick(own.get(tick.symbol), tick);
          if (ledger !== null) own.set(tick.symbol, ledger);
          const admitted = admit(held, { tick }).tick !== undefined;
          expect(admitted).toBe(ledger !== null);
        }
      }),
    );
  });

  it('a held ledger keeps none of the ticks it was given', () => {
    const held = new Map<string, HeldLedger>();
    const first: Tick = { type: 'Tick', symbol: 'BTC/USDT', ts: 1, price: 100, id: 'a' };
    const second: Tick = { type: 'Tick', symbol: 'BTC/USDT', ts: 1, price: 101, id: 'b' };
    admit(held, { tick: first });
    admit(held, { tick: second });
    const ledger = held.get('BTC/USDT');
    expect(ledger?.last).not.toBe(first);
    expect(ledger?.last).not.toBe(second);
    expect(ledger?.last).toEqual(allFields(second));
    expect([...(ledger?.earlierIds ?? [])]).toEqual(['a']);
  });
});
