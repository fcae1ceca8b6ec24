import type { BinanceError } from './binanceError';
import type { Params } from './orderRequest';

/**
 * One order-create request as received, in arrival order. Only order fields are kept: API keys,
 * signatures and timestamps never enter the log.
 */
export interface OrderLogEntry {
  readonly seq: number;
  /** Venue (recorded) time of arrival. */
  readonly receivedAt: number;
  readonly clientOrderId: string | null;
  readonly symbol: string | null;
  readonly side: string | null;
  readonly type: string | null;
  readonly timeInForce: string | null;
  readonly quantity: string | null;
  readonly quoteOrderQty: string | null;
  readonly price: string | null;
  readonly stopPrice: string | null;
  readonly accepted: boolean;
  readonly orderId: number | null;
  readonly error: { readonly code: number; readonly msg: string } | null;
  /** False when an executeWithoutAnswer fault kept the answer back. */
  readonly answered: boolean;
}

export interface OrderLog {
  record(
    params: Params,
    receivedAt: number,
    outcome: { readonly orderId: number; readonly clientOrderId: string } | BinanceError,
    answered: boolean,
  ): void;
  entries(): readonly OrderLogEntry[];
}

export const createOrderLog = (): OrderLog => {
  const entries: OrderLogEntry[] = [];
  const field = (params: Params, name: string): string | null => params[name] ?? null;
  return {
    record: (params, receivedAt, outcome, answered) => {
      const accepted = 'orderId' in outcome;
      entries.push({
        seq: entries.length + 1,
        receivedAt,
        clientOrderId: accepted ? outcome.clientOrderId : field(params, 'newClientOrderId'),
        symbol: field(params, 'symbol'),
        side: field(params, 'side'),
        type: field(params, 'type'),
        timeInForce: field(params, 'timeInForce'),
        quantity: field(params, 'quantity'),
        quoteOrderQty: field(params, 'quoteOrderQty'),
        price: field(params, 'price'),
        stopPrice: field(params, 'stopPrice'),
        accepted,
        orderId: accepted ? outcome.orderId : null,
        error: accepted ? null : { code: outcome.code, msg: outcome.msg },
        answered,
      });
    },
    entries: () => [...entries],
  };
};
