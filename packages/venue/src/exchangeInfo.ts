import { decimalText } from './decimalText';
import type { VenueMarket } from './venueMarket';
import { ORDER_TYPES } from './venueOrder';

/** `GET /api/v3/exchangeInfo` for the venue's markets: the filters it enforces and nothing more. */
export const exchangeInfoJson = (markets: readonly VenueMarket[], now: number) => ({
  timezone: 'UTC',
  serverTime: now,
  rateLimits: [
    { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
    { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
  ],
  exchangeFilters: [],
  symbols: markets.map(symbolJson),
});

const symbolJson = (market: VenueMarket) => {
  const r = market.rules;
  return {
    symbol: market.id,
    status: 'TRADING',
    baseAsset: market.base,
    baseAssetPrecision: 8,
    quoteAsset: market.quote,
    quotePrecision: 8,
    quoteAssetPrecision: 8,
    baseCommissionPrecision: 8,
    quoteCommissionPrecision: 8,
    orderTypes: ORDER_TYPES,
    icebergAllowed: false,
    ocoAllowed: false,
    otoAllowed: false,
    quoteOrderQtyMarketAllowed: true,
    allowTrailingStop: false,
    cancelReplaceAllowed: false,
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    filters: [
      {
        filterType: 'PRICE_FILTER',
        minPrice: decimalText(r.minPrice),
        maxPrice: decimalText(r.maxPrice),
        tickSize: decimalText(r.tickSize),
      },
      {
        filterType: 'LOT_SIZE',
        minQty: decimalText(r.minQty),
        maxQty: decimalText(r.maxQty),
        stepSize: decimalText(r.stepSize),
      },
      {
        filterType: 'NOTIONAL',
        minNotional: decimalText(r.minNotional),
        applyMinToMarket: true,
        maxNotional: decimalText(9_000_000),
        applyMaxToMarket: false,
        avgPriceMins: 5,
      },
    ],
    permissions: [],
    permissionSets: [['SPOT']],
    defaultSelfTradePreventionMode: 'NONE',
    allowedSelfTradePreventionModes: ['NONE'],
  };
};
