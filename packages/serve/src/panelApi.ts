import type { OrderView, ValidationIssue } from '@smart-orders/core';
import type { StoredEvent } from '@smart-orders/engine';
import type { ApiError } from './http/apiError';
import type { MarketStatus, ReplayChange, ReplayStatus } from './market/market';
import type { PricePoint } from './market/priceHistory';
import type { PushMessage } from './push/pushMessage';

/** The contract between the server and the page: the page imports these types only. */
export type {
  ApiError,
  MarketStatus,
  OrderView,
  PricePoint,
  PushMessage,
  ReplayChange,
  ReplayStatus,
  StoredEvent,
  ValidationIssue,
};

/** `GET /api/orders`. */
export interface OrderList {
  readonly position: number;
  readonly orders: readonly OrderView[];
}

/** `GET /api/orders/:id`: the view, the order's whole stream, and the price around it. */
export interface OrderDetail {
  readonly order: OrderView;
  readonly events: readonly StoredEvent[];
  readonly prices: readonly PricePoint[];
}

/** What every change answers: the order's view after it and the events it stored. */
export interface OrderChange {
  readonly order: OrderView | null;
  readonly events: readonly StoredEvent[];
}
