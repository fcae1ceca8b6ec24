import type { Command } from '../commands/command';
import type { OrderEvent } from '../events/orderEvent';
import type { State } from '../state/orderState';

/**
 * The paper exchange's answer to an exit intent (SEMANTICS §3, paper fills): the exit order
 * fills in full on the triggering tick, at that tick's price. An intent without a price (a
 * flatten sent without a known last price, a retry caused by a report) and one for nothing
 * are left unanswered. Cancels are not answered either: on paper every exit has filled by the
 * time anything cancels it, and a scenario says itself when the exchange confirms the cancel
 * of a working entry.
 */
export const paperFills = (e: OrderEvent, state: State): Command[] => {
  if (state === null) return [];
  switch (e.type) {
    case 'TpTriggered':
    case 'StopLossTriggered':
    case 'StopLossRetried':
    case 'FlattenTriggered':
      if (e.data.quantity <= 0 || e.data.price === null) return [];
      return [
        {
          type: 'ExecutionReport',
          orderId: state.spec.orderId,
          ts: e.ts,
          clientOrderId: e.data.clientOrderId,
          execType: 'TRADE',
          lastPrice: e.data.price,
          lastQuantity: e.data.quantity,
          cumulativeQuantity: e.data.quantity,
        },
      ];
    default:
      return [];
  }
};
