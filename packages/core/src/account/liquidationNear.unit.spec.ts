import fc from 'fast-check';
import { liquidationNear } from './liquidationNear';

describe('liquidationNear: a position within liquidationBufferPct of its liquidation price', () => {
  it('a long whose mark falls to its liquidation price × (1 + buffer)', () => {
    // Liquidation 90, buffer 5 %: near at 94.5 and below.
    expect(liquidationNear(1, 90, 95, 5)).toBe(false);
    expect(liquidationNear(1, 90, 94.5, 5)).toBe(true);
    expect(liquidationNear(1, 90, 80, 5)).toBe(true);
  });

  it('a short whose mark rises to its liquidation price × (1 − buffer)', () => {
    expect(liquidationNear(-1, 110, 104, 5)).toBe(false);
    expect(liquidationNear(-1, 110, 104.5, 5)).toBe(true);
  });

  it('never a flat position, nor one with no liquidation price', () => {
    expect(liquidationNear(0, 90, 80, 5)).toBe(false);
    expect(liquidationNear(1, null, 80, 5)).toBe(false);
    expect(liquidationNear(1, 0, 80, 5)).toBe(false);
  });

  it('property: a wider buffer is near whenever a narrower one is; a mark beyond the buffer never is; each side against its own edge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 49 }),
        (liquidation, mark, buffer) => {
          for (const q of [1, -1]) {
            if (liquidationNear(q, liquidation, mark, buffer))
              expect(liquidationNear(q, liquidation, mark, buffer * 2)).toBe(true);
          }
          expect(
            liquidationNear(1, liquidation, liquidation * (1 + buffer / 100) * 1.001, buffer),
          ).toBe(false);
          expect(
            liquidationNear(-1, liquidation, liquidation * (1 - buffer / 100) * 0.999, buffer),
          ).toBe(false);
          // Each side reads the mark against its own edge: L × (1 + b) below for a long,
          // L × (1 − b) above for a short (marks are whole, edges hundredths: no float tie).
          expect(liquidationNear(1, liquidation, mark, buffer)).toBe(
            mark <= liquidation * (1 + buffer / 100) + 1e-9 * liquidation,
          );
          expect(liquidationNear(-1, liquidation, mark, buffer)).toBe(
            mark >= liquidation * (1 - buffer / 100) - 1e-9 * liquidation,
          );
        },
      ),
    );
  });
});
