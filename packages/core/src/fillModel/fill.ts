import type { Side } from '../side';
import type { Fee, Liquidity } from './fee';

/** One execution of a working order on one tick (a partial fill is a fill of its own). */
export interface Fill {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  /** The tick's time. */
  readonly ts: number;
  readonly price: number;
  readonly quantity: number;
  /** What the order has filled in all, this fill included. */
  readonly cumulativeQuantity: number;
  /** The order has filled in full. */
  readonly complete: boolean;
  readonly liquidity: Liquidity;
  readonly fee: Fee;
}
