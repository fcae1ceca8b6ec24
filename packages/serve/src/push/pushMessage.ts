import type { OrderView } from '@smart-orders/core';
import type { StoredEvent } from '@smart-orders/engine';
import type { MarketStatus } from '../market/market';
import type { PricePoint } from '../market/priceHistory';

/**
 * What the WebSocket sends, one JSON object per message. A client first gets the events it
 * missed (when it asked with `?after=<position>`), then a snapshot, then everything live.
 */
export type PushMessage =
  | {
      /** Every order's view as of store position `position`, and the market. */
      readonly type: 'snapshot';
      readonly position: number;
      readonly orders: readonly OrderView[];
      readonly market: MarketStatus;
    }
  /** One stored event, the envelope of EVENTS.md; positions only increase. */
  | { readonly type: 'event'; readonly event: StoredEvent }
  /** An order's view after a change, sent after the events of the change. */
  | { readonly type: 'order'; readonly order: OrderView }
  /** The market, with the price points completed since the last such message. */
  | {
      readonly type: 'market';
      readonly market: MarketStatus;
      readonly prices: Readonly<Record<string, readonly PricePoint[]>>;
    };
