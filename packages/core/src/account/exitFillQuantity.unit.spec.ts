import fc from 'fast-check';
import type { Flatten } from './accountState';
import { exitFillQuantity } from './exitFillQuantity';

const flatten = (filled: Record<string, number>): Flatten => ({
  seq: 1,
  reason: 'MANUAL',
  symbol: null,
  requestedAt: 0,
  timedOut: false,
  progressAt: 0,
  exits: {},
  filled,
});

describe('what a report of a flatten exit adds to its fills', () => {
  it('is the cumulative quantity less what was counted for that order', () => {
    expect(exitFillQuantity(flatten({ x: 0.3 }), 'x', { cumulativeQuantity: 0.5 })).toBe(0.2);
  });

  it('is nothing for a report delivered again, or older than what was counted', () => {
    expect(
      exitFillQuantity(flatten({ x: 0.5 }), 'x', { lastQuantity: 0.5, cumulativeQuantity: 0.5 }),
    ).toBe(0);
    expect(exitFillQuantity(flatten({ x: 0.5 }), 'x', { cumulativeQuantity: 0.3 })).toBe(0);
  });

  it('counts an exit the flatten replaced against its own fills, not from zero', () => {
    // A lookup's view of a replaced exit: its 0.1998 were counted as they came.
    expect(
      exitFillQuantity(flatten({ old: 0.1998, current: 0 }), 'old', { cumulativeQuantity: 0.1998 }),
    ).toBe(0);
  });

  it('is the report’s own quantity when it has no cumulative quantity', () => {
    expect(exitFillQuantity(flatten({}), 'x', { lastQuantity: 0.25 })).toBe(0.25);
  });

  it('adds up, over any order of deliveries with repeats, to the last cumulative quantity exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (parts, picks) => {
          // The cumulative quantities of the exit's parts, in 0.0001 steps, then deliveries
          // of them in any order, some twice.
          const cumulative = parts.reduce<number[]>(
            (acc, p) => [...acc, (acc.at(-1) ?? 0) + p],
            [],
          );
          const deliveries = [
            ...picks.map((i) => cumulative[i % cumulative.length] ?? 0),
            ...cumulative,
          ];
          let counted = 0;
          for (const c of deliveries) {
            const added = exitFillQuantity(flatten({ x: counted / 10_000 }), 'x', {
              cumulativeQuantity: c / 10_000,
            });
            expect(added).toBeGreaterThanOrEqual(0);
            counted += Math.round(added * 10_000);
          }
          expect(counted).toBe(cumulative.at(-1));
        },
      ),
    );
  });
});
