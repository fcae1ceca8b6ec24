import type { Execution, ExchangeReport, OrderRequest } from './ports/exchange';
import { reportsFromOrder } from './reportsFromOrder';

export type PlaceOutcome =
  | { readonly known: true; readonly reports: ExchangeReport[] }
  | { readonly known: false; readonly problem: string };

/**
 * Sends one order and says what the exchange answered, as reports: its state when it took
 * the order, a REJECTED report when it refused it. Anything else (a network error that the
 * adapter's own lookups could not resolve) is an unknown outcome, never taken for a refusal.
 */
export const placeOrder = async (
  exchange: Execution,
  request: OrderRequest,
): Promise<PlaceOutcome> => {
  const placed = await exchange.place(request);
  if (placed._tag === 'Right')
    return { known: true, reports: reportsFromOrder(placed.right, request.ts) };
  if (placed.left.code === 'REJECTED') {
    return {
      known: true,
      reports: [
        {
          clientOrderId: request.clientOrderId,
          symbol: request.symbol,
          ts: request.ts,
          execType: 'REJECTED',
          reason: placed.left.message,
          ...(placed.left.refusal === undefined ? {} : { refusal: placed.left.refusal }),
        },
      ],
    };
  }
  return { known: false, problem: `${placed.left.code}: ${placed.left.message}` };
};
