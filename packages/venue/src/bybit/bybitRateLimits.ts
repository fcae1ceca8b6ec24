import type { Admission } from '../rateLimits';
import type { MarketType } from '../venueOptions';
import { bybitError, type BybitError } from './bybitError';

/** The limits the Bybit dialect enforces (the venue has one client IP and one UID). */
export interface BybitRateLimitRules {
  /** Requests of any kind in a rolling 5 s, per IP; Bybit's HTTP IP limit is 600. */
  readonly ipRequestsPer5Seconds: number;
  /** How long an IP past that limit is answered HTTP 403; Bybit says to wait at least 10 minutes. */
  readonly ipBanMs: number;
  /** Private requests in a rolling second, per UID and endpoint (`POST /v5/order/create`: 20). */
  readonly perSecond: Readonly<Record<string, number>>;
  /** Every private endpoint `perSecond` does not name. */
  readonly otherPrivatePerSecond: number;
}

const ORDER_WRITES = [
  'POST /v5/order/create',
  'POST /v5/order/amend',
  'POST /v5/order/cancel',
  'POST /v5/order/cancel-all',
];

/**
 * Bybit v5's documented defaults for a unified account (UTA 2.0): order writes 20/s on spot and
 * 10/s on derivatives (linear), the order, execution, position and wallet reads 50/s, leverage
 * and position mode 10/s; the venue holds every other private endpoint to 10/s.
 */
export const defaultBybitRateLimits = (marketType: MarketType): BybitRateLimitRules => ({
  ipRequestsPer5Seconds: 600,
  ipBanMs: 600_000,
  perSecond: {
    ...Object.fromEntries(ORDER_WRITES.map((r) => [r, marketType === 'spot' ? 20 : 10])),
    'GET /v5/order/realtime': 50,
    'GET /v5/order/history': 50,
    'GET /v5/execution/list': 50,
    'GET /v5/position/list': 50,
    'GET /v5/account/wallet-balance': 50,
    'POST /v5/position/set-leverage': 10,
    'POST /v5/position/switch-mode': 10,
  },
  otherPrivatePerSecond: 10,
});

export const TOO_MANY_VISITS = bybitError(10006, 'Too many visits!');

/** Bybit's answer to an IP past its limit: HTTP 403 with a plain-text body, not a `retCode`. */
export interface IpRefusal {
  readonly status: 403;
  readonly text: string;
}

export interface BybitRateLimitCounts {
  /** Private requests answered 10006, and requests answered 403, since start. */
  readonly refused10006: number;
  readonly refused403: number;
}

export interface BybitRateLimiter {
  /** Every request, first: the IP's rolling 5 s. */
  admitIp(now: number): Admission<IpRefusal>;
  /** A private request once its key is known: the UID's rolling second of that endpoint. */
  admitPrivate(route: string, now: number): Admission<BybitError>;
  counts(): BybitRateLimitCounts;
}

/** Times of the requests taken in the last `ms` (a rolling window), oldest first. */
const rollingWindow = (ms: number) => {
  const times: number[] = [];
  return {
    /** How many were taken in (now − ms, now]. */
    used: (now: number): number => {
      while (times.length > 0 && (times[0] as number) <= now - ms) times.shift();
      return times.length;
    },
    take: (now: number) => void times.push(now),
    /** When the oldest taken leaves the window: a slot frees then. */
    frees: (): number => (times[0] ?? 0) + ms,
  };
};

/**
 * Bybit's limits as it sends them: every private answer carries `X-Bapi-Limit` (the endpoint's
 * limit), `X-Bapi-Limit-Status` (what is left of it in the rolling second) and
 * `X-Bapi-Limit-Reset-Timestamp` (the server time, or when refused the time a slot frees); past
 * the limit `retCode` 10006 `Too many visits!` in an HTTP 200, nothing done (ccxt
 * `RateLimitExceeded`). Past the IP limit, HTTP 403 `access too frequent` to every request for
 * `ipBanMs` (ccxt `RateLimitExceeded` by the status).
 */
export const createBybitRateLimiter = (rules: BybitRateLimitRules): BybitRateLimiter => {
  const ip = rollingWindow(5_000);
  const endpoints = new Map<string, ReturnType<typeof rollingWindow>>();
  let bannedUntil = 0;
  let refused10006 = 0;
  let refused403 = 0;
  const forbidden = (): Admission<IpRefusal> => {
    refused403 += 1;
    return { admitted: false, error: { status: 403, text: 'access too frequent' }, headers: {} };
  };
  return {
    admitIp: (now) => {
      if (now < bannedUntil) return forbidden();
      if (ip.used(now) >= rules.ipRequestsPer5Seconds) {
        bannedUntil = now + rules.ipBanMs;
        return forbidden();
      }
      ip.take(now);
      return { admitted: true, headers: {} };
    },
    admitPrivate: (route, now) => {
      const limit = rules.perSecond[route] ?? rules.otherPrivatePerSecond;
      const window = endpoints.get(route) ?? rollingWindow(1_000);
      endpoints.set(route, window);
      const used = window.used(now);
      if (used >= limit) {
        refused10006 += 1;
        return {
          admitted: false,
          error: TOO_MANY_VISITS,
          headers: {
            'X-Bapi-Limit': String(limit),
            'X-Bapi-Limit-Status': '0',
            'X-Bapi-Limit-Reset-Timestamp': String(window.frees()),
          },
        };
      }
      window.take(now);
      return {
        admitted: true,
        headers: {
          'X-Bapi-Limit': String(limit),
          'X-Bapi-Limit-Status': String(limit - used - 1),
          'X-Bapi-Limit-Reset-Timestamp': String(now),
        },
      };
    },
    counts: () => ({ refused10006, refused403 }),
  };
};
