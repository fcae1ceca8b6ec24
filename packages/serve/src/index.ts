export * from './startServe';
export * from './serveOptions';
export * from './isLoopback';
export type { Market, MarketStatus, ReplayStatus, ReplayChange } from './market/market';
export type { PricePoint } from './market/priceHistory';
export type { PushMessage } from './push/pushMessage';
export type { ApiError, HttpErrorCode } from './http/apiError';
export type { OrderChange, OrderDetail, OrderList } from './panelApi';
