import { add, floorToStep, sub } from '../decimal';
import { baseFeeOf, feeValue } from '../fees/feeValue';
import type { ReportedFee } from '../fees/reportedFee';
import type { OrderState } from './orderState';

/**
 * A fill's fee folded into the order (SEMANTICS §9.2): valued in the quote asset when it can be,
 * listed apart when not. Entry fees are also kept on their own, for break-even with fees.
 */
export const withFee = (
  s: OrderState,
  fee: ReportedFee | undefined,
  price: number,
  entry: boolean,
): OrderState => {
  if (fee === undefined) return s;
  const v = feeValue(fee, s.spec.symbol, price);
  if ('unvalued' in v) {
    const same = s.feesUnvalued.find((f) => f.asset === v.unvalued.asset);
    return {
      ...s,
      feesUnvalued:
        same === undefined
          ? [...s.feesUnvalued, v.unvalued]
          : s.feesUnvalued.map((f) =>
              f === same ? { asset: f.asset, amount: add(f.amount, v.unvalued.amount) } : f,
            ),
    };
  }
  // A base-asset entry fee is not an entry cost: the position is smaller by it instead.
  const cost = entry && baseFeeOf(fee, s.spec.symbol) === 0;
  return {
    ...s,
    fees: add(s.fees, v.valued),
    entryFees: cost ? add(s.entryFees, v.valued) : s.entryFees,
  };
};

/**
 * An entry lot joins the position net of its fee in the base asset (SEMANTICS §9.1). The
 * position the plan exits is the net quantity floored to the step; the rest is dust, which no
 * exchange would take as an order.
 */
export const withEntryLot = (s: OrderState, netQuantity: number): OrderState => {
  const step = s.spec.market.stepSize;
  return {
    ...s,
    entryNetQuantity: netQuantity,
    openQuantity: add(
      s.openQuantity,
      sub(floorToStep(netQuantity, step), floorToStep(s.entryNetQuantity, step)),
    ),
  };
};

/** The net quantity after one more entry lot of `quantity`. */
export const netAfterLot = (
  s: OrderState,
  quantity: number,
  fee: ReportedFee | undefined,
): number => sub(add(s.entryNetQuantity, quantity), baseFeeOf(fee, s.spec.symbol));
