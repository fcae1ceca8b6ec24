import fc from 'fast-check';
import { meanOf, median, percentile, spreadOf, statusOf, UNSTABLE_SPREAD } from './stats';

describe('median', () => {
  it('is the middle value of an odd count, the mean of the two middle ones of an even count', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('does not reorder what it is given', () => {
    const samples = [3, 1, 2];
    median(samples);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('lies between the smallest and the largest sample, and half of them lie on each side', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e9, max: 1e9 }), { minLength: 1 }),
        (xs) => {
          const m = median(xs);
          expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
          expect(m).toBeLessThanOrEqual(Math.max(...xs));
          expect(xs.filter((x) => x <= m).length).toBeGreaterThanOrEqual(xs.length / 2);
          expect(xs.filter((x) => x >= m).length).toBeGreaterThanOrEqual(xs.length / 2);
        },
      ),
    );
  });
});

describe('meanOf', () => {
  it('is the sum over the count, and NaN for no values', () => {
    expect(meanOf([2.5, 3, 3.5])).toBeCloseTo(3, 12);
    expect(meanOf([])).toBeNaN();
  });

  it('lies within the values it is taken of', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1 }),
        (xs) => {
          const m = meanOf(xs);
          expect(m).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-6);
          expect(m).toBeLessThanOrEqual(Math.max(...xs) + 1e-6);
        },
      ),
    );
  });
});

describe('percentile', () => {
  it('is a measured value by nearest rank', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile([], 99)).toBeNaN();
  });
});

describe('spread', () => {
  it('is the farthest sample from the median as a fraction of it', () => {
    expect(spreadOf([80, 100, 110])).toEqual({ min: 80, max: 110, relative: 0.2 });
    expect(spreadOf([100, 100])).toEqual({ min: 100, max: 100, relative: 0 });
    expect(spreadOf([0, 0, 1]).relative).toBe(Infinity);
  });

  it('does not depend on the unit: scaling every sample keeps it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1 }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (xs, k) => {
          expect(spreadOf(xs.map((x) => x * k)).relative).toBeCloseTo(spreadOf(xs).relative, 9);
        },
      ),
    );
  });
});

describe('status', () => {
  const atLeastHalf = { op: '>=', value: 0.5 } as const;
  const atMostTwo = { op: '<=', value: 2 } as const;

  it('is met or missed on the median when the repetitions agree within ±25 %', () => {
    expect(statusOf([0.6, 0.55, 0.7, 0.62, 0.58], atLeastHalf)).toBe('met');
    expect(statusOf([0.45, 0.4, 0.48, 0.44, 0.46], atLeastHalf)).toBe('missed');
    expect(statusOf([1.9, 2.1, 2.2, 2.0, 1.95], atMostTwo)).toBe('met');
    expect(statusOf([2.1, 2.2, 2.3, 2.0, 2.15], atMostTwo)).toBe('missed');
  });

  it('is unstable beyond ±25 %, even when every repetition meets the target', () => {
    expect(statusOf([1.0, 0.7, 1.4, 1.1, 1.2], atLeastHalf)).toBe('unstable');
    expect(statusOf([0.2, 0.25, 0.5], atLeastHalf)).toBe('unstable');
  });

  it('is unstable without samples, and null for a stable figure without a target', () => {
    expect(statusOf([], atLeastHalf)).toBe('unstable');
    expect(statusOf([10, 11, 10.5], null)).toBeNull();
    expect(statusOf([10, 20, 10.5], null)).toBe('unstable');
  });

  it('never says met or missed when the spread is beyond the limit, and always does within it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 100, noNaN: true }), { minLength: 1, maxLength: 9 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.constantFrom<'>=' | '<='>('>=', '<='),
        (xs, value, op) => {
          const status = statusOf(xs, { op, value });
          if (spreadOf(xs).relative > UNSTABLE_SPREAD) expect(status).toBe('unstable');
          else {
            const m = median(xs);
            expect(status).toBe((op === '>=' ? m >= value : m <= value) ? 'met' : 'missed');
          }
        },
      ),
    );
  });
});
