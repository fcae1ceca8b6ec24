import Big from 'big.js';
import type { Difference } from './accountEvent';
import { own, type PositionReport, type WorkingOrderRef } from './accountRules';

export interface Holdings {
  readonly positions: readonly PositionReport[];
  readonly workingOrders: readonly WorkingOrderRef[];
}

const bySymbol = (positions: readonly PositionReport[]): Map<string, Big> => {
  const out = new Map<string, Big>();
  for (const p of positions) out.set(p.symbol, (out.get(p.symbol) ?? new Big(0)).plus(p.quantity));
  return out;
};

const byId = (orders: readonly WorkingOrderRef[]): Map<string, string> =>
  new Map(orders.map((o) => [o.clientOrderId, o.symbol]));

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every way the exchange (`actual`) disagrees with the event log (`expected`), positions by
 * symbol first, then orders by client order id:
 * - GHOST_POSITION: the log expects a position the exchange does not have;
 * - UNKNOWN_POSITION: the exchange has a position the log does not know;
 * - POSITION_MISMATCH: both have one, of another size or side;
 * - ORPHANED_ORDER: working on the exchange, unknown to the log;
 * - MISSING_ORDER: the log expects it working, the exchange does not have it.
 * Quantities less than one step of their symbol apart are equal, and less than one step is no
 * position: an exchange's dust is not a divergence. Without a step size they must be equal.
 */
export const reconciliationDifferences = (
  expected: Holdings,
  actual: Holdings,
  stepSizes: Readonly<Record<string, number>> = {},
): Difference[] => {
  const e = bySymbol(expected.positions);
  const a = bySymbol(actual.positions);
  const negligible = (q: Big, symbol: string): boolean => {
    const step = own(stepSizes, symbol);
    return q.eq(0) || (step !== undefined && q.abs().lt(step));
  };
  const positions = [...new Set([...e.keys(), ...a.keys()])]
    .sort(compare)
    .flatMap((symbol): Difference[] => {
      const exp = e.get(symbol) ?? new Big(0);
      const act = a.get(symbol) ?? new Big(0);
      if (negligible(exp.minus(act), symbol)) return [];
      const kind = negligible(act, symbol)
        ? 'GHOST_POSITION'
        : negligible(exp, symbol)
          ? 'UNKNOWN_POSITION'
          : 'POSITION_MISMATCH';
      return [{ kind, symbol, expected: exp.toNumber(), actual: act.toNumber() }];
    });
  const expectedOrders = byId(expected.workingOrders);
  const actualOrders = byId(actual.workingOrders);
  const orders = [...new Set([...expectedOrders.keys(), ...actualOrders.keys()])]
    .sort(compare)
    .flatMap((clientOrderId): Difference[] => {
      const exp = expectedOrders.get(clientOrderId);
      const act = actualOrders.get(clientOrderId);
      if (exp !== undefined && act !== undefined) return [];
      return act !== undefined
        ? [{ kind: 'ORPHANED_ORDER', symbol: act, expected: 0, actual: 1, clientOrderId }]
        : [{ kind: 'MISSING_ORDER', symbol: exp ?? '', expected: 1, actual: 0, clientOrderId }];
    });
  return [...positions, ...orders];
};
