import type { AccountState } from '../account/accountState';
import { flattenCovers } from '../account/flatten';
import type { Cancel } from '../commands/liveCommands';
import { isTerminal, type OrderState } from '../state/orderState';

/**
 * What a flatten cancels (a policy of SEMANTICS §7): while the kill switch is tripped, by
 * whoever tripped it, no smart order stays open; while a symbol's own flatten is under way
 * (stale data, §7 v2), no smart order on that symbol stays open and the others trade on. Each
 * order gets `Cancel` without flatten and `leaveToAccount`, so its OCO cancels every working
 * exchange order and its position stays for the account's flatten, which exits it with the rest
 * of what it covers: an entry still filling sends no exit of its own (it would sell the same
 * coins as the account's exit).
 */
/**
 * Whether `tripCancels` may cancel anything: the kill switch is tripped or a flatten is under
 * way. The runtime asks before it gathers the open orders, which costs a walk over all of them
 * and would otherwise be paid on every tick.
 */
export const tripMayCancel = (account: AccountState): boolean =>
  account.killSwitch !== null || account.flatten !== null;

export const tripCancels = (
  account: AccountState,
  orders: Iterable<OrderState>,
  ts: number,
): Cancel[] => {
  const covers = (order: OrderState): boolean =>
    account.killSwitch !== null || flattenCovers(account.flatten, order.spec.symbol);
  if (!tripMayCancel(account)) return [];
  const cancels: Cancel[] = [];
  for (const order of orders)
    if (!isTerminal(order) && covers(order))
      cancels.push({
        type: 'Cancel',
        orderId: order.spec.orderId,
        ts,
        flatten: false,
        leaveToAccount: true,
      });
  return cancels;
};
