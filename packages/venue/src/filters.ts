import { isMultipleOf, mul } from '@smart-orders/core';
import { filterFailure, type BinanceError } from './binanceError';
import type { MarketRules } from './venueMarket';

const priceFits = (rules: MarketRules, price: number): boolean =>
  price >= rules.minPrice && price <= rules.maxPrice && isMultipleOf(price, rules.tickSize);

/**
 * PRICE_FILTER (limit and stop prices), LOT_SIZE and NOTIONAL, in Binance's words ("Filter
 * failure: LOT_SIZE"). `notionalPrice` is the limit price, or the market price for a market
 * order; unknown (no market yet) skips NOTIONAL.
 */
export const checkFilters = (
  rules: MarketRules,
  order: {
    readonly quantity: number;
    readonly price: number | null;
    readonly stopPrice: number | null;
    readonly notionalPrice: number | undefined;
  },
): BinanceError | null => {
  if (order.price !== null && !priceFits(rules, order.price)) return filterFailure('PRICE_FILTER');
  if (order.stopPrice !== null && !priceFits(rules, order.stopPrice))
    return filterFailure('PRICE_FILTER');
  const q = order.quantity;
  if (q < rules.minQty || q > rules.maxQty || !isMultipleOf(q, rules.stepSize))
    return filterFailure('LOT_SIZE');
  if (order.notionalPrice !== undefined && mul(q, order.notionalPrice) < rules.minNotional) {
    return filterFailure('NOTIONAL');
  }
  return null;
};
