import type { Tick } from '../commands/tick';
import type { TriggerSource } from '../commands/createSmartOrder';
import type { Side } from '../side';

/**
 * The price of a tick that an order's exits trigger on (SEMANTICS §3): the last trade by
 * default; the bid for a long's exits and the ask for a short's when chosen, or when the tick
 * carries no trade price. Undefined when the tick has nothing this order can use.
 */
export const triggerPrice = (tick: Tick, side: Side, source: TriggerSource): number | undefined => {
  const book = side === 'BUY' ? tick.bid : tick.ask;
  return source === 'LAST' ? (tick.price ?? book) : (book ?? tick.price);
};
