import { binanceError, type BinanceError } from './binanceError';

/** The limits the venue enforces, per venue (Binance counts per IP; the venue has one client IP). */
export interface RateLimitRules {
  /** REQUEST_WEIGHT per wall-clock minute; Binance spot's is 6000. */
  readonly requestWeightPerMinute: number;
  /** New orders per 10 wall-clock seconds; Binance spot's ORDERS limit is 100. */
  readonly ordersPer10Seconds: number;
  /** How long a client that ignores a 429's Retry-After is banned (418); Binance starts at 2 minutes. */
  readonly banMs: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitRules = {
  requestWeightPerMinute: 6000,
  ordersPer10Seconds: 100,
  banMs: 120_000,
};

/** What a limit answers a request: taken, or refused with the dialect's error; headers either way. */
export type Admission<E = BinanceError> =
  | { readonly admitted: true; readonly headers: Readonly<Record<string, string>> }
  | {
      readonly admitted: false;
      readonly error: E;
      readonly headers: Readonly<Record<string, string>>;
    };

export interface RateLimitCounts {
  /** Weight used in the current minute window. */
  readonly usedWeight: number;
  /** Requests answered 429 (weight or orders) and 418 (banned), since start. */
  readonly refused429: number;
  readonly refused418: number;
}

export interface RateLimiter {
  /** Counts a request of `weight` (and a new order) at wall-clock `now`; what Binance would answer. */
  admit(weight: number, isNewOrder: boolean, now: number): Admission;
  counts(): RateLimitCounts;
}

const MINUTE = 60_000;
const TEN_SECONDS = 10_000;

/**
 * Binance's request limits as it sends them: fixed windows on the wall clock; every answer says
 * the weight used (`X-MBX-USED-WEIGHT-1M`) and orders placed (`X-MBX-ORDER-COUNT-10S`); past the
 * weight limit a 429 (-1003) with `Retry-After` in seconds until the window turns; a request sent
 * before that Retry-After has passed is banned: 418 (-1003, "IP banned until …") with the ban's
 * Retry-After, for `banMs`. Past the order limit a 429 (-1015) without Retry-After.
 */
export const createRateLimiter = (rules: RateLimitRules): RateLimiter => {
  let weightWindow = -1;
  let weight = 0;
  let orderWindow = -1;
  let orders = 0;
  let retryAfter = 0;
  let bannedUntil = 0;
  let refused429 = 0;
  let refused418 = 0;

  const seconds = (ms: number) => String(Math.max(1, Math.ceil(ms / 1000)));

  return {
    admit: (w, isNewOrder, now) => {
      const minute = Math.floor(now / MINUTE);
      if (minute !== weightWindow) {
        weightWindow = minute;
        weight = 0;
      }
      const tenSeconds = Math.floor(now / TEN_SECONDS);
      if (tenSeconds !== orderWindow) {
        orderWindow = tenSeconds;
        orders = 0;
      }
      if (now < bannedUntil || now < retryAfter) {
        if (now >= bannedUntil) bannedUntil = now + rules.banMs;
        refused418 += 1;
        return {
          admitted: false,
          error: binanceError(
            -1003,
            `Way too much request weight used; IP banned until ${bannedUntil}. Please use WebSocket Streams for live updates to avoid bans.`,
            418,
          ),
          headers: { 'Retry-After': seconds(bannedUntil - now) },
        };
      }
      weight += w;
      const used = { 'X-MBX-USED-WEIGHT-1M': String(weight) };
      if (weight > rules.requestWeightPerMinute) {
        const windowEnd = (minute + 1) * MINUTE;
        retryAfter = windowEnd;
        refused429 += 1;
        return {
          admitted: false,
          error: binanceError(
            -1003,
            `Too much request weight used; current limit is ${rules.requestWeightPerMinute} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.`,
            429,
          ),
          headers: { ...used, 'Retry-After': seconds(windowEnd - now) },
        };
      }
      if (!isNewOrder) return { admitted: true, headers: used };
      orders += 1;
      const counted = { ...used, 'X-MBX-ORDER-COUNT-10S': String(orders) };
      if (orders > rules.ordersPer10Seconds) {
        refused429 += 1;
        return {
          admitted: false,
          error: binanceError(
            -1015,
            `Too many new orders; current limit is ${rules.ordersPer10Seconds} orders per 10 SECOND.`,
            429,
          ),
          headers: counted,
        };
      }
      return { admitted: true, headers: counted };
    },
    counts: () => ({ usedWeight: weight, refused429, refused418 }),
  };
};
