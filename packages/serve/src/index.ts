export { DEFAULT_WEB_ROOT, startServe, type Serve } from './startServe';
export {
  MIN_TOKEN_LENGTH,
  checkServeOptions,
  type LiveFeed,
  type RecordedFeed,
  type ServeConfigError,
  type ServeOptions,
} from './serveOptions';
export { isLoopback } from './isLoopback';
export type { Market, MarketStatus, ReplayStatus, ReplayChange } from './market/market';
export type { PricePoint } from './market/priceHistory';
export type { PushMessage } from './push/pushMessage';
export type { ApiError, HttpErrorCode } from './http/apiError';
export type { OrderChange, OrderDetail, OrderList } from './panelApi';
