import Big from 'big.js';
import fc from 'fast-check';
import { aSmartOrder, exchangeOnly, SIDES } from '../testing/fixtures.spec.helper';
import { takeProfitQuantities } from './takeProfits';

/** The case the independent reading found: the ladder's quantities summed 1e-8 short. */
const HUGE = 79974094.83651699;

describe.each(SIDES)('exact grids and minimum sizes, %s (SEMANTICS §1)', (side) => {
  it('rejects a quantity of 10^15 steps or more at creation, naming the field and the rule', () => {
    const rejected = exchangeOnly
      .given([])
      .when(
        aSmartOrder(side, {
          quantity: HUGE,
          entry: { type: 'MARKET' },
          takeProfits: [
            { price: side === 'BUY' ? 105 : 95, sizePct: 0.1 },
            { price: side === 'BUY' ? 110 : 90, sizePct: 99.9 },
          ],
          market: { tickSize: 0.01, stepSize: 1e-8 },
        }),
      )
      .thenRejects('VALIDATION_FAILED');
    expect(rejected.issues?.map((i) => i.path)).toEqual(['quantity']);
    expect(rejected.message).toContain('fewer than 10^15 steps of 1e-8');
  });

  it('rejects a price of 10^15 ticks or more at creation', () => {
    const rejected = exchangeOnly
      .given([])
      .when(
        aSmartOrder(side, {
          entry: { type: 'LIMIT', price: 10_000_000_000_000 },
          takeProfits: [
            { price: side === 'BUY' ? 10_000_000_000_001 : 9_999_999_999_999, sizePct: 100 },
          ],
          stopLoss: { price: side === 'BUY' ? 9_999_999_999_990 : 10_000_000_000_010 },
          market: { tickSize: 0.01, stepSize: 1e-8 },
        }),
      )
      .thenRejects('VALIDATION_FAILED');
    // 10^13 is 10^15 ticks of 0.01; the level beyond it (a long's TP, a short's stop) too.
    expect(rejected.issues?.map((i) => i.path)).toEqual([
      'entry.price',
      side === 'BUY' ? 'takeProfits[0].price' : 'stopLoss.price',
    ]);
  });

  it('rejects a level whose quantity is below minQty', () => {
    const rejected = exchangeOnly
      .given([])
      .when(
        aSmartOrder(side, {
          quantity: 1,
          market: { tickSize: 0.01, stepSize: 0.001, minQty: 0.3 },
        }),
      )
      .thenRejects('VALIDATION_FAILED');
    // 40 % / 35 % / 25 % of 1: only the last level, 0.25, is below 0.3.
    expect(rejected.issues?.map((i) => i.path)).toEqual(['takeProfits[2].sizePct']);
    expect(rejected.message).toContain('minimum quantity 0.3');
  });

  it('rejects an entry or a level worth less than minNotional at the entry reference price', () => {
    const rejected = exchangeOnly
      .given([])
      .when(
        aSmartOrder(side, {
          quantity: 1,
          market: { tickSize: 0.01, stepSize: 0.001, minNotional: 30 },
        }),
      )
      .thenRejects('VALIDATION_FAILED');
    // At the limit 100: the entry is worth 100, the levels 40, 35 and 25.
    expect(rejected.issues?.map((i) => i.path)).toEqual(['takeProfits[2].sizePct']);
    expect(rejected.message).toContain('minimum notional 30');
    exchangeOnly
      .given([])
      .when(
        aSmartOrder(side, {
          quantity: 0.2,
          market: { tickSize: 0.01, stepSize: 0.1, minNotional: 30 },
        }),
      )
      .thenRejects('VALIDATION_FAILED');
  });
});

describe('take-profit quantities on an exact grid (SEMANTICS §1)', () => {
  it('property: the levels sum exactly to the filled quantity, each on the step grid', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 15n - 1n }),
        fc.constantFrom(1e-8, 0.001, 0.01, 1),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 6 }),
        (steps, step, weights) => {
          const quantity = new Big(steps.toString()).times(step).toNumber();
          const total = weights.reduce((a, b) => a + b, 0);
          const pcts = weights.map((w) => Math.floor((w / total) * 1e6) / 1e4);
          pcts[pcts.length - 1] = new Big(100)
            .minus(pcts.slice(0, -1).reduce((a, b) => new Big(a).plus(b).toNumber(), 0))
            .toNumber();
          const levels = takeProfitQuantities(quantity, pcts, step);
          const sum = levels.reduce((acc, q) => acc.plus(q), new Big(0));
          expect(sum.eq(quantity)).toBe(true);
          for (const q of levels) expect(new Big(q).mod(step).eq(0)).toBe(true);
        },
      ),
    );
  });
});
