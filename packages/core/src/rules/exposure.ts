import { sub, sum } from '../decimal';
import type { NativeStopOrder, OrderState } from '../state/orderState';

/** Quantity that exit orders working on the exchange may still sell (or buy back). */
export const workingExitQuantity = (s: OrderState): number =>
  sum([
    ...s.takeProfits.filter((l) => l.working).map((l) => sub(l.quantity, l.filledQuantity)),
    ...s.exits.map((x) => sub(x.quantity, x.filledQuantity)),
    ...firedNativeStops(s).map((o) => sub(o.quantity, o.filledQuantity)),
  ]);

/**
 * Native stops that have begun to fill: their rest is an exit under way. One that has not
 * fired is not counted: when the managed exit starts it is being cancelled, and on a
 * derivatives venue its reduce-only flag keeps the two from closing more than the position.
 */
const firedNativeStops = (s: OrderState): readonly NativeStopOrder[] =>
  s.nativeStop?.orders.filter((o) => o.filledQuantity > 0) ?? [];

/**
 * Open quantity that no working exit covers. A new exit is sized to this, never to the open
 * quantity, so that a TP filling while its cancel is in flight cannot make the engine sell
 * more than the position (SEMANTICS §5).
 */
export const uncoveredQuantity = (s: OrderState): number => {
  const uncovered = sub(s.openQuantity, workingExitQuantity(s));
  return uncovered > 0 ? uncovered : 0;
};

export const hasWorkingExits = (s: OrderState): boolean =>
  s.exits.length > 0 || s.takeProfits.some((l) => l.working) || firedNativeStops(s).length > 0;

export const hasProtectiveStop = (s: OrderState): boolean =>
  s.stopLoss !== null || s.trailing !== null;
