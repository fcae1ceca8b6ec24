import { isMultipleOf } from '@smart-orders/core';
import { left, right, type Either } from 'fp-ts/Either';
import { venueError, type VenueError } from './venueError';

/** The exchangeInfo filters the venue enforces (PRICE_FILTER, LOT_SIZE, NOTIONAL). */
export interface MarketRules {
  readonly tickSize: number;
  readonly minPrice: number;
  readonly maxPrice: number;
  readonly stepSize: number;
  readonly minQty: number;
  readonly maxQty: number;
  readonly minNotional: number;
}

/** Close to Binance's BTCUSDT filters, with a finer tick so synthetic prices like 100.5 fit. */
export const DEFAULT_MARKET_RULES: MarketRules = {
  tickSize: 0.01,
  minPrice: 0.01,
  maxPrice: 1_000_000,
  stepSize: 0.00001,
  minQty: 0.00001,
  maxQty: 9000,
  minNotional: 5,
};

/**
 * A market the venue serves: spot `BTC/USDT` or the USDⓈ-M perpetual `BTC/USDT:USDT` (settled
 * in its quote asset), both Binance's `BTCUSDT`.
 */
export interface VenueMarket {
  readonly symbol: string;
  readonly id: string;
  readonly base: string;
  readonly quote: string;
  /** The settlement asset of a perpetual; null on spot. */
  readonly settle: string | null;
  readonly rules: MarketRules;
}

const ASSET = /^[A-Z0-9]{1,20}$/;

export const venueMarket = (
  symbol: string,
  rules: Partial<MarketRules> = {},
): Either<VenueError, VenueMarket> => {
  const [pair = '', settle, ...more] = symbol.split(':');
  const [base, quote, ...rest] = pair.split('/');
  if (
    base === undefined ||
    quote === undefined ||
    rest.length > 0 ||
    more.length > 0 ||
    !ASSET.test(base) ||
    !ASSET.test(quote) ||
    (settle !== undefined && settle !== quote)
  ) {
    return left(
      venueError(
        'INVALID_OPTIONS',
        `symbol must be BASE/QUOTE in capitals (spot, e.g. BTC/USDT) or BASE/QUOTE:QUOTE (a USDⓈ-M perpetual, e.g. BTC/USDT:USDT); got '${symbol}'`,
      ),
    );
  }
  const merged: MarketRules = { ...DEFAULT_MARKET_RULES, ...rules };
  // Binance prints filters with 8 decimals, so a finer rule could not be told to ccxt.
  const bad = Object.entries(merged).find(
    ([, v]) => !(typeof v === 'number' && Number.isFinite(v) && v > 0 && isMultipleOf(v, 1e-8)),
  );
  if (bad !== undefined) {
    return left(
      venueError(
        'INVALID_OPTIONS',
        `market.${bad[0]} must be a positive number with at most 8 decimals; got ${String(bad[1])}`,
      ),
    );
  }
  return right({
    symbol,
    id: `${base}${quote}`,
    base,
    quote,
    settle: settle ?? null,
    rules: merged,
  });
};

/** Ticks name their market any way: `BTC/USDT:USDT`, `BTC/USDT` or `BTCUSDT`. */
export const isMarketSymbol = (market: VenueMarket, symbol: string): boolean =>
  symbol === market.symbol ||
  symbol === `${market.base}/${market.quote}` ||
  symbol.toUpperCase() === market.id;
