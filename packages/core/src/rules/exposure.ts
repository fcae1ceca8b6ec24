import { sub, sum } from '../decimal';
import type { OrderState } from '../state/orderState';

/** Quantity that exit orders working on the exchange may still sell (or buy back). */
export const workingExitQuantity = (s: OrderState): number =>
  sum([
    ...s.takeProfits.filter((l) => l.working).map((l) => sub(l.quantity, l.filledQuantity)),
    ...s.exits.map((x) => sub(x.quantity, x.filledQuantity)),
  ]);

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
  s.exits.length > 0 || s.takeProfits.some((l) => l.working);

export const hasProtectiveStop = (s: OrderState): boolean =>
  s.stopLoss !== null || s.trailing !== null;
