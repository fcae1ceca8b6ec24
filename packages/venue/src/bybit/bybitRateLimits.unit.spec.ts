import fc from 'fast-check';
import { createBybitRateLimiter, defaultBybitRateLimits } from './bybitRateLimits';

const T = 1_765_000_000_000;
const CREATE = 'POST /v5/order/create';

describe("the bybit dialect's request limits", () => {
  it('never admits more of an endpoint in any rolling second than its limit, whatever the requests', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ route: fc.constantFrom(CREATE, 'GET /v5/order/realtime'), gap: fc.nat(120) }),
          { maxLength: 300 },
        ),
        (requests) => {
          const rules = defaultBybitRateLimits('usdm');
          const limiter = createBybitRateLimiter({ ...rules, ipRequestsPer5Seconds: 100_000 });
          const taken: { route: string; at: number }[] = [];
          let now = T;
          for (const r of requests) {
            now += r.gap;
            if (limiter.admitPrivate(r.route, now).admitted)
              taken.push({ route: r.route, at: now });
          }
          for (const t of taken) {
            const inSecond = taken.filter(
              (u) => u.route === t.route && u.at > t.at - 1000 && u.at <= t.at,
            ).length;
            expect(inSecond).toBeLessThanOrEqual(rules.perSecond[t.route] as number);
          }
        },
      ),
    );
  });

  it('answers 10006 with the limit, nothing left and when a slot frees; counts per endpoint', () => {
    const limiter = createBybitRateLimiter({
      ...defaultBybitRateLimits('spot'),
      perSecond: { [CREATE]: 2 },
    });
    expect(limiter.admitPrivate(CREATE, T).headers).toEqual({
      'X-Bapi-Limit': '2',
      'X-Bapi-Limit-Status': '1',
      'X-Bapi-Limit-Reset-Timestamp': String(T),
    });
    expect(limiter.admitPrivate(CREATE, T + 300).admitted).toBe(true);
    expect(limiter.admitPrivate(CREATE, T + 600)).toEqual({
      admitted: false,
      error: { retCode: 10006, retMsg: 'Too many visits!' },
      headers: {
        'X-Bapi-Limit': '2',
        'X-Bapi-Limit-Status': '0',
        'X-Bapi-Limit-Reset-Timestamp': String(T + 1000),
      },
    });
    // Another endpoint, here one the rules do not name, has its own count and the default limit.
    expect(limiter.admitPrivate('GET /v5/account/info', T + 600).headers['X-Bapi-Limit']).toBe(
      '10',
    );
    // Rolling: the first request leaves the window a second after it.
    expect(limiter.admitPrivate(CREATE, T + 1000).admitted).toBe(true);
    expect(limiter.counts()).toEqual({ refused10006: 1, refused403: 0 });
  });

  it('bans an IP past its requests in 5 s for ipBanMs, then takes it again', () => {
    const limiter = createBybitRateLimiter({
      ...defaultBybitRateLimits('spot'),
      ipRequestsPer5Seconds: 3,
      ipBanMs: 60_000,
    });
    for (let i = 0; i < 3; i += 1) expect(limiter.admitIp(T + i).admitted).toBe(true);
    expect(limiter.admitIp(T + 3)).toEqual(
      expect.objectContaining({
        admitted: false,
        error: { status: 403, text: 'access too frequent' },
      }),
    );
    // Still banned after the 5 s have rolled.
    expect(limiter.admitIp(T + 10_000).admitted).toBe(false);
    expect(limiter.admitIp(T + 3 + 60_000).admitted).toBe(true);
    expect(limiter.counts()).toEqual({ refused10006: 0, refused403: 2 });
  });
});
