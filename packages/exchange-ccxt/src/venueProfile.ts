import type { CcxtExchangeId } from './exchangeIds';

/**
 * What the adapter must know about a venue beyond ccxt's unified API.
 *
 * `absence` is the strongest proof the venue offers that a create whose answer was lost can no
 * longer execute (docs/exchanges.md, "proof of absence, venue by venue"):
 * - `executionDeadline`: the adapter sends a deadline with every create (binance `recvWindow`,
 *   okx `expTime` header, gate `x-gate-exptime` header, kraken `deadline`; coinbase's signed JWT
 *   lives 120 s), `createDeadlineMs` long, so a lookup started after it that finds nothing
 *   proves the order absent and it may be sent again with the same client order id;
 * - `none`: the venue documents neither a deadline on execution (bybit's `recvWindow` and
 *   kucoin's `KC-API-TIMESTAMP` are checked when the request arrives, not when it reaches the
 *   matching engine; bitget has none) nor a bound on how late its order history may show an
 *   order (bybit says only that it "may be delayed"), so "not found" never proves absence: the
 *   adapter never resends a lost create there, and leaves the order unknown. `createDeadlineMs`
 *   then only spaces the lookups.
 *
 * `spotMarketBuy`: whether a spot market buy can be sized in the base asset. Where it is
 * sized in quote (gate, bitget, coinbase), the adapter sends a marketable limit IOC instead,
 * so the entry never buys more than asked.
 */
export type AbsenceProof = 'executionDeadline' | 'none';

/**
 * How the venue counts REST requests, which decides how the adapter paces them (sendsFirst.ts):
 * - `window`: a budget per window that ccxt's `rollingWindowSize` and `rateLimit` state exactly
 *   (Binance: request weight per minute, 6,000 on spot, 1,200 of ccxt's units of 5). Any burst
 *   within the window is the venue's rule, so reads may spend their share of it at once and an
 *   order goes the moment it is asked for.
 * - `leakyBucket`: ccxt's own smoothing, one unit of burst: for venues whose limits are per
 *   endpoint and per second or two (Bybit, OKX...), which ccxt's one window does not state.
 */
export type RestLimit = 'window' | 'leakyBucket';

export interface VenueProfile {
  readonly absence: AbsenceProof;
  readonly restLimit: RestLimit;
  /**
   * How long a create the venue answered rate-limited waits before it is sent again: such an
   * answer refused the request before anything was done. Bybit's per-endpoint limits count a
   * rolling second, so a second later the create is taken. Absent: the create is settled as an
   * unknown outcome (Binance's 429 asks to wait until its minute turns, and a send before that
   * is banned: 418).
   */
  readonly rateLimitPauseMs?: number;
  readonly createDeadlineMs: number;
  readonly spotMarketBuy: 'base' | 'limitIoc';
  readonly sandbox: boolean;
}

export const DEADLINE_MS = 5_000;

export const VENUE_PROFILES: Record<CcxtExchangeId, VenueProfile> = {
  binance: {
    absence: 'executionDeadline',
    restLimit: 'window',
    createDeadlineMs: DEADLINE_MS,
    spotMarketBuy: 'base',
    sandbox: true,
  },
  bybit: {
    absence: 'none',
    restLimit: 'leakyBucket',
    rateLimitPauseMs: 1_000,
    createDeadlineMs: DEADLINE_MS,
    spotMarketBuy: 'base',
    sandbox: true,
  },
  okx: {
    absence: 'executionDeadline',
    restLimit: 'leakyBucket',
    createDeadlineMs: DEADLINE_MS,
    spotMarketBuy: 'base',
    sandbox: true,
  },
  gate: {
    absence: 'executionDeadline',
    restLimit: 'leakyBucket',
    createDeadlineMs: DEADLINE_MS,
    spotMarketBuy: 'limitIoc',
    sandbox: true,
  },
  bitget: {
    absence: 'none',
    restLimit: 'leakyBucket',
    createDeadlineMs: 60_000,
    spotMarketBuy: 'limitIoc',
    sandbox: true,
  },
  kucoin: {
    absence: 'none',
    restLimit: 'leakyBucket',
    createDeadlineMs: 60_000,
    spotMarketBuy: 'base',
    sandbox: false,
  },
  kraken: {
    absence: 'executionDeadline',
    restLimit: 'leakyBucket',
    createDeadlineMs: DEADLINE_MS,
    spotMarketBuy: 'base',
    sandbox: false,
  },
  coinbase: {
    absence: 'executionDeadline',
    restLimit: 'leakyBucket',
    createDeadlineMs: 120_000,
    spotMarketBuy: 'limitIoc',
    sandbox: false,
  },
};
