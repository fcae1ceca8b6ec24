import { extended } from '../extended';
import type { Side } from '../side';

/**
 * An order the fill model is filling: what the exchange was sent, and how much of it has
 * filled. The model is pure: it takes working orders and gives back the same orders advanced.
 */
export interface WorkingOrder {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  /** `STOP`: a stop-market order that rests until the market trades through `stopPrice`. */
  readonly type: 'MARKET' | 'LIMIT' | 'STOP';
  readonly quantity: number;
  readonly filledQuantity: number;
  /** Limit price of a LIMIT order. */
  readonly price?: number;
  /** Trigger price of a STOP order: a sell stop fires at or below it, a buy stop at or above. */
  readonly stopPrice?: number;
  /** The order closes a position: decides who pays a fee in which asset. */
  readonly reduceOnly: boolean;
  /** When it was sent, epoch ms: with `latencyMs` it meets the first tick at or after `sentAt + latencyMs`. */
  readonly sentAt: number;
  /** A STOP whose price traded: a market order from then on, until it has filled. */
  readonly fired?: boolean;
  /** Fills are floored to this step (the market's), so that no fill is off the order's grid. */
  readonly stepSize?: number;
  /** A price moved by slippage is rounded to this tick, against the order. */
  readonly tickSize?: number;
}

/** A new working order, nothing filled yet. */
export const workingOrder = (order: Omit<WorkingOrder, 'filledQuantity' | 'fired'>): WorkingOrder =>
  extended(order, { filledQuantity: 0 });
