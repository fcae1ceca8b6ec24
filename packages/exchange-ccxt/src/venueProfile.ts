import type { CcxtExchangeId } from './exchangeIds';

/**
 * What the adapter must know about a venue beyond ccxt's unified API.
 *
 * `createDeadlineMs` is how long after it was signed a create can still be executed. Where
 * the venue takes a deadline the adapter sets one (binance and bybit `recvWindow`, okx
 * `expTime` header, gate `x-gate-exptime` header, kraken `deadline`), so a lookup made after
 * it that finds nothing proves the order absent; coinbase's signed JWT lives 120 s; kucoin and
 * bitget take no deadline, so the adapter waits a conservative minute.
 *
 * `spotMarketBuy`: whether a spot market buy can be sized in the base asset. Where it is
 * sized in quote (gate, bitget, coinbase), the adapter sends a marketable limit IOC instead,
 * so the entry never buys more than asked.
 */
export interface VenueProfile {
  readonly createDeadlineMs: number;
  readonly spotMarketBuy: 'base' | 'limitIoc';
  readonly sandbox: boolean;
}

export const DEADLINE_MS = 5_000;

export const VENUE_PROFILES: Record<CcxtExchangeId, VenueProfile> = {
  binance: { createDeadlineMs: DEADLINE_MS, spotMarketBuy: 'base', sandbox: true },
  bybit: { createDeadlineMs: DEADLINE_MS, spotMarketBuy: 'base', sandbox: true },
  okx: { createDeadlineMs: DEADLINE_MS, spotMarketBuy: 'base', sandbox: true },
  gate: { createDeadlineMs: DEADLINE_MS, spotMarketBuy: 'limitIoc', sandbox: true },
  bitget: { createDeadlineMs: 60_000, spotMarketBuy: 'limitIoc', sandbox: true },
  kucoin: { createDeadlineMs: 60_000, spotMarketBuy: 'base', sandbox: false },
  kraken: { createDeadlineMs: DEADLINE_MS, spotMarketBuy: 'base', sandbox: false },
  coinbase: { createDeadlineMs: 120_000, spotMarketBuy: 'limitIoc', sandbox: false },
};
