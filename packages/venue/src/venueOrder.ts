export type OrderSide = 'BUY' | 'SELL';
export const ORDER_SIDES: readonly OrderSide[] = ['BUY', 'SELL'];

export type OrderType =
  | 'MARKET'
  | 'LIMIT'
  | 'LIMIT_MAKER'
  | 'STOP_LOSS'
  | 'STOP_LOSS_LIMIT'
  | 'TAKE_PROFIT'
  | 'TAKE_PROFIT_LIMIT';
export const ORDER_TYPES: readonly OrderType[] = [
  'LIMIT',
  'LIMIT_MAKER',
  'MARKET',
  'STOP_LOSS',
  'STOP_LOSS_LIMIT',
  'TAKE_PROFIT',
  'TAKE_PROFIT_LIMIT',
];

export type TimeInForce = 'GTC' | 'IOC' | 'FOK';
export const TIME_IN_FORCES: readonly TimeInForce[] = ['GTC', 'IOC', 'FOK'];

/** Refusals are REST errors, never REJECTED. */
export type OrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

/** One order the venue accepted, as it stands now. */
export interface VenueOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly quantity: number;
  /** Limit price; null for MARKET, STOP_LOSS and TAKE_PROFIT. */
  readonly price: number | null;
  readonly stopPrice: number | null;
  readonly quoteOrderQty: number | null;
  readonly time: number;
  readonly updateTime: number;
  readonly status: OrderStatus;
  readonly executedQty: number;
  readonly cumulativeQuoteQty: number;
  /** A stop order waits untriggered off the book; every other order is triggered from the start. */
  readonly triggered: boolean;
  /** What the order holds while it works: quote for a buy, base for a sell. */
  readonly lockedAsset: string;
  readonly lockedAmount: number;
  /** What each unit of the order locks: the buy's limit, stop or admission price; 1 for a sell. */
  readonly lockPrice: number;
}

export const isStopType = (type: OrderType): boolean =>
  type === 'STOP_LOSS' ||
  type === 'STOP_LOSS_LIMIT' ||
  type === 'TAKE_PROFIT' ||
  type === 'TAKE_PROFIT_LIMIT';

/** Types that execute as a market order (MARKET at once, STOP_LOSS / TAKE_PROFIT once triggered). */
export const isMarketType = (type: OrderType): boolean =>
  type === 'MARKET' || type === 'STOP_LOSS' || type === 'TAKE_PROFIT';

/** Working: new, or filled in part with the rest still to fill. */
export const isOpen = (order: VenueOrder): boolean =>
  order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';

/** One fill of one of the account's orders. */
export interface VenueTrade {
  readonly id: number;
  readonly orderId: number;
  readonly side: OrderSide;
  readonly price: number;
  readonly qty: number;
  readonly quoteQty: number;
  readonly time: number;
  readonly isMaker: boolean;
  /** The fee of this fill and the asset it was charged in (the fill model's schedule). */
  readonly commission: number;
  readonly commissionAsset: string;
}
