import fc from 'fast-check';
import { createRateLimiter, DEFAULT_RATE_LIMITS } from './rateLimits';

const T = 1_765_000_040_000; // 20 s into a minute

describe('the request limits', () => {
  it('never admits more weight in a wall-clock minute than the limit, whatever the requests', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ weight: fc.integer({ min: 1, max: 80 }), gap: fc.nat(3000) }), {
          maxLength: 200,
        }),
        (requests) => {
          const limiter = createRateLimiter({
            ...DEFAULT_RATE_LIMITS,
            requestWeightPerMinute: 300,
          });
          const admitted = new Map<number, number>();
          let now = T;
          for (const r of requests) {
            now += r.gap;
            if (limiter.admit(r.weight, false, now).admitted) {
              const minute = Math.floor(now / 60_000);
              admitted.set(minute, (admitted.get(minute) ?? 0) + r.weight);
            }
          }
          for (const used of admitted.values()) expect(used).toBeLessThanOrEqual(300);
        },
      ),
    );
  });

  it('bans for banMs a client that sends again before the Retry-After of its 429', () => {
    const limiter = createRateLimiter({ ...DEFAULT_RATE_LIMITS, requestWeightPerMinute: 1 });
    expect(limiter.admit(1, false, T).admitted).toBe(true);
    const limited = limiter.admit(1, false, T + 1);
    expect(limited).toEqual(
      expect.objectContaining({
        admitted: false,
        headers: expect.objectContaining({ 'Retry-After': '40' }),
      }),
    );
    const banned = limiter.admit(1, false, T + 2);
    expect(banned).toEqual(
      expect.objectContaining({
        admitted: false,
        error: expect.objectContaining({ status: 418, code: -1003 }),
        headers: { 'Retry-After': '120' },
      }),
    );
    // The ban outlasts the minute that caused it.
    expect(limiter.admit(1, false, T + 60_000).admitted).toBe(false);
    expect(limiter.admit(1, false, T + 2 + 120_000).admitted).toBe(true);
  });
});
