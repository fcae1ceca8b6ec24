import type { VenueOrder, VenueTrade } from './venueOrder';

/** REPLACED: an order amended in place (Binance's name for it). */
export type ExecType = 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED' | 'REPLACED';

/** One change of one order, as the user-data stream tells it. */
export interface ExecutionReport {
  readonly order: VenueOrder;
  readonly execType: ExecType;
  readonly ts: number;
  readonly trade: VenueTrade | null;
  /** The cancel request's own client order id: Binance puts it in `c`, the order's in `C`. */
  readonly cancelClientOrderId: string | null;
}
