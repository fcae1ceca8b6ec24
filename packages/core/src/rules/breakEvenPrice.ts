import Big from 'big.js';
import { isLong } from '../side';
import type { OrderState } from '../state/orderState';

const toTick = (value: Big, tick: number, up: boolean): number =>
  value
    .div(tick)
    .round(0, up ? Big.roundUp : Big.roundDown)
    .times(tick)
    .toNumber();

/**
 * Where break-even puts the stop, rounded toward the market (up for a long, down for a short)
 * so that it never exits at a loss. Plain break-even (SEMANTICS §3.5) is the average entry
 * price. With fees (§9.3) it is the price at which exiting the rest at the taker fee leaves
 * the position at zero net P&L: for a long, the entry's cost in the quote asset (its fees paid
 * in the quote included) per unit of the net position, divided by `1 − taker`; for a short,
 * the entry's proceeds net of their fees per unit, divided by `1 + taker`.
 */
export const breakEvenPrice = (s: OrderState): number | null => {
  if (s.entryPrice === null) return null;
  const long = isLong(s.spec.side);
  const tick = s.spec.market.tickSize;
  const fees = s.spec.breakEvenFees;
  if (fees === undefined || s.entryNetQuantity <= 0) {
    return toTick(new Big(s.entryPrice), tick, long);
  }
  const notional = new Big(s.entryPrice).times(s.entryFilledQuantity);
  const perUnit = (long ? notional.plus(s.entryFees) : notional.minus(s.entryFees)).div(
    s.entryNetQuantity,
  );
  const taker = new Big(fees.takerBps).div(10_000);
  return toTick(perUnit.div(long ? new Big(1).minus(taker) : taker.plus(1)), tick, long);
};
