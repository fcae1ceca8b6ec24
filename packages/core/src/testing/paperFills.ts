import type { Command } from '../commands/command';
import type { OrderEvent } from '../events/orderEvent';
import { opposite } from '../side';
import { isTerminal, type State } from '../state/orderState';

/**
 * The paper exchange's answer to an exit intent (SEMANTICS §3, paper fills): an exit that
 * carries the triggering tick's price fills in full on that tick, at that price. A flatten is a
 * market exit like any other (§4 v2): it carries no tick, so it is not answered here but on the
 * next tick of the symbol (`paperFillsOnTick`), as the paper exchange fills it. An intent for
 * nothing is left unanswered. Cancels are not answered either: on paper every triggered exit
 * has filled by the time anything cancels it, and a scenario says itself when the exchange
 * confirms the cancel of a working entry.
 */
export const paperFills = (e: OrderEvent, state: State): Command[] => {
  if (state === null) return [];
  switch (e.type) {
    // A trailing entry sent at its trigger is a market order that fills on that tick.
    case 'EntryTriggered':
    case 'TpTriggered':
    case 'StopLossTriggered':
    case 'StopLossRetried':
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

/**
 * The paper exchange's answer to a tick of the order's symbol, before the tick moves the order:
 * every market exit still working (a flatten, an exit sent without a price) fills in full at
 * that tick's price for its side — the trade price, else the bid for a sell and the ask for a
 * buy — and at its time.
 */
export const paperFillsOnTick = (command: Command, state: State): Command[] => {
  if (state === null || command.type !== 'Tick' || command.symbol !== state.spec.symbol) return [];
  const side = opposite(state.spec.side);
  const price = command.price ?? (side === 'SELL' ? command.bid : command.ask);
  if (price === undefined) return [];
  return state.exits
    .filter((x) => x.quantity > x.filledQuantity)
    .map((x) => ({
      type: 'ExecutionReport' as const,
      orderId: state.spec.orderId,
      ts: command.ts,
      clientOrderId: x.clientOrderId,
      execType: 'TRADE' as const,
      lastPrice: price,
      cumulativeQuantity: x.quantity,
    }));
};

/** The engine hands a tick only to an open order: one that a flatten at this tick ended misses it. */
export const tickReachesOrder = (command: Command, state: State): boolean =>
  command.type !== 'Tick' || state === null || !isTerminal(state);
