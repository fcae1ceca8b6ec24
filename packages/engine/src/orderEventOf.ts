import type { OrderEvent } from '@smart-orders/core';
import type { StoredEvent } from './ports/eventStore';

/**
 * A stored event of an order's stream as the core folds it: its type, time and data, without
 * the store's position, stream and version. The store does not check its data's shape; what
 * the engine appended to an order's stream is an order event.
 */
export const orderEventOf = (e: Pick<StoredEvent, 'type' | 'ts' | 'data'>): OrderEvent =>
  ({ type: e.type, ts: e.ts, data: e.data }) as OrderEvent;
