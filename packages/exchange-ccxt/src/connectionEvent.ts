import type { Balance, ExchangeError, ExchangeOrder, Position } from '@smart-orders/engine';

/**
 * What the adapter's streams went through, for the engine's reconciliation gate and for
 * operators: a subscription that failed (it is re-established with backoff), and the REST
 * reconciliation that follows every (re)subscription of the order stream.
 */
export type ConnectionEvent =
  | {
      readonly type: 'STREAM_FAILED';
      readonly stream: 'orders' | 'ticks';
      readonly symbol: string;
      readonly ts: number;
      readonly error: ExchangeError;
    }
  | {
      readonly type: 'RECONCILED';
      readonly symbol: string;
      /** False for the first subscription, true after a failure. */
      readonly reconnect: boolean;
      readonly ts: number;
      readonly openOrders: readonly ExchangeOrder[];
      /** Null when it could not be read (see `accountError`); positions only for derivatives. */
      readonly balances: readonly Balance[] | null;
      readonly positions: readonly Position[] | null;
      readonly accountError?: ExchangeError;
    };
