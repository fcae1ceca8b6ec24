import type { AccountState } from '../account/accountState';
import type { Cancel } from '../commands/liveCommands';
import { isTerminal, type OrderState } from '../state/orderState';

/**
 * What a kill switch trip cancels (a policy of SEMANTICS §7): while the switch is tripped, by
 * whoever tripped it, no smart order stays open. Each open order gets `Cancel` without flatten,
 * so its OCO cancels every working exchange order and its position stays for the account's
 * flatten, which exits the account as a whole.
 */
export const tripCancels = (
  account: AccountState,
  orders: Iterable<OrderState>,
  ts: number,
): Cancel[] => {
  if (account.killSwitch === null) return [];
  const cancels: Cancel[] = [];
  for (const order of orders)
    if (!isTerminal(order))
      cancels.push({ type: 'Cancel', orderId: order.spec.orderId, ts, flatten: false });
  return cancels;
};
