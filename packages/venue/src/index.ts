export { startVenue, type Venue } from './startVenue';
export { formatListening } from './formatListening';
export {
  checkVenueOptions,
  DEFAULT_API_KEY,
  DEFAULT_SECRET,
  DIALECTS,
  type CheckedOptions,
  type Dialect,
  type MarketType,
  type VenueOptions,
} from './venueOptions';
export { parseFaults, type Fault } from './fault';
export type { FaultStatus } from './faultBook';
export type { Advanced } from './controlApi';
export type { OrderLogEntry } from './orderLog';
export { DEFAULT_MARKET_RULES, type MarketRules } from './venueMarket';
export { DEFAULT_RATE_LIMITS, type RateLimitRules } from './rateLimits';
export { defaultBybitRateLimits, type BybitRateLimitRules } from './bybit/bybitRateLimits';
export type { VenueError, VenueErrorCode } from './venueError';
export { withQuantities, type VenueTick } from './venueTick';
export {
  pointCcxtAtVenue,
  createCcxtBinanceForVenue,
  type CcxtExchangeLike,
  type CcxtProBinance,
} from './ccxtForVenue';
export {
  pointCcxtBybitAtVenue,
  createCcxtBybitForVenue,
  type CcxtProBybit,
} from './bybit/ccxtBybitForVenue';
