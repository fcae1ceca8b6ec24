import { accountEvent, type AccountEvent } from './accountEvent';
import type { OrderDone, OrderSent } from './accountCommand';
import type { AccountState } from './accountState';
import { accountSteps, type AccountDecision } from './accountDecision';
import { trip } from './killSwitch';
import { marksOf } from './positions';
import { runawayBreach } from './runawayGuard';

/** An order sent is working until reported done; the runaway guard counts it. A repeat changes nothing. */
export const onOrderSent = (state: AccountState, cmd: OrderSent): AccountDecision => {
  if (state.workingOrders.byId.has(cmd.clientOrderId)) return accountSteps.start(state);
  return accountSteps.steps(
    state,
    () => [
      accountEvent('WorkingOrderAdded', cmd.ts, {
        clientOrderId: cmd.clientOrderId,
        symbol: cmd.symbol,
        reduceOnly: cmd.reduceOnly,
      }),
    ],
    (s) => trip(s, cmd.ts, runawayBreach(s, cmd.ts, cmd.symbol), marksOf(s)),
  );
};

/**
 * An order no longer working. When it is a flatten's working exit, the exit is done too
 * (`FlattenExitDone`): whatever it left open is exited again at the next poll.
 */
export const onOrderDone = (state: AccountState, cmd: OrderDone): AccountEvent[] => {
  const tracked = state.workingOrders.byId.get(cmd.clientOrderId);
  const exit = Object.values(state.flatten?.exits ?? {}).find(
    (x) => x.clientOrderId === cmd.clientOrderId && x.working,
  );
  return [
    ...(tracked === undefined
      ? []
      : [
          accountEvent('WorkingOrderRemoved', cmd.ts, {
            clientOrderId: cmd.clientOrderId,
            symbol: tracked.symbol,
          }),
        ]),
    ...(exit === undefined
      ? []
      : [
          accountEvent('FlattenExitDone', cmd.ts, {
            symbol: exit.symbol,
            clientOrderId: exit.clientOrderId,
            filledQuantity: exit.filledQuantity,
          }),
        ]),
  ];
};
