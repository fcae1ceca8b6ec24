import fc from 'fast-check';
import type { FlattenExit } from './accountState';
import { exitQuantity, readingSizesExit } from './exitQuantity';

const exit = (more: Partial<FlattenExit>): FlattenExit => ({
  symbol: 'ETH/USDT',
  side: 'SELL',
  quantity: 1,
  filledQuantity: 0,
  attempt: 1,
  clientOrderId: 'sok-1',
  limitPrice: null,
  lastPrice: null,
  tickSize: null,
  working: true,
  cancelling: false,
  settledAt: null,
  ...more,
});

describe("the quantity of a flatten's next exit", () => {
  it('is what the exchange holds, floored to the step', () => {
    expect(exitQuantity(0.19987, undefined, 0.0001)).toBe(0.1998);
    expect(exitQuantity(-2, undefined, undefined)).toBe(2);
  });

  it('is never more than is free: coins locked in an order being cancelled cannot be sold', () => {
    expect(exitQuantity(0.2, 0.05, 0.0001)).toBe(0.05);
    expect(exitQuantity(0.2, 0, 0.0001)).toBe(0);
  });

  it('never exceeds the position nor the free balance, and leaves less than one step of what it may sell (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        fc.constantFrom(1, 10, 100),
        (held, free, step) => {
          const q = exitQuantity(
            held / 10_000,
            free === undefined ? undefined : free / 10_000,
            step / 10_000,
          );
          const limit = Math.min(Math.abs(held), free ?? Number.POSITIVE_INFINITY);
          expect(q * 10_000).toBeLessThanOrEqual(limit + 1e-6);
          expect(limit - q * 10_000).toBeLessThan(step + 1e-6);
        },
      ),
    );
  });
});

describe('whether a reading of the exchange may size the next exit', () => {
  it('never while the last exit still works: no second exit beside one that may fill', () => {
    expect(readingSizesExit(exit({ working: true }), 100)).toBe(false);
    expect(readingSizesExit(exit({ working: true, cancelling: true }), 100)).toBe(false);
  });

  it('only when the reading began once the last exit had stopped working', () => {
    expect(readingSizesExit(exit({ working: false, settledAt: 12 }), 11)).toBe(false);
    expect(readingSizesExit(exit({ working: false, settledAt: 12 }), 12)).toBe(true);
  });

  it('always for the first exit of a symbol', () => {
    expect(readingSizesExit(undefined, 0)).toBe(true);
  });
});
