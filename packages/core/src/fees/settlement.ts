import { floorToStep, sub } from '../decimal';
import type { OrderState } from '../state/orderState';

/** What a terminal event settles (SEMANTICS §9.2, EVENTS.md version 2). */
export interface Settlement {
  readonly realisedPnl: { readonly gross: number; readonly fees: number; readonly net: number };
  readonly feesUnvalued: { asset: string; amount: number }[];
  readonly dust: number;
}

/**
 * Realised P&L in the quote asset: gross on the quantity actually exited against the average
 * entry price, less every valued fee, so `fees + net = gross` exactly; the fees nothing valued;
 * and the dust, the net entry quantity below one step that no exit could sell and no P&L counts.
 */
export const settlement = (s: OrderState): Settlement => ({
  realisedPnl: { gross: s.realisedPnl, fees: s.fees, net: sub(s.realisedPnl, s.fees) },
  feesUnvalued: s.feesUnvalued.map((f) => ({ ...f })),
  dust: sub(s.entryNetQuantity, floorToStep(s.entryNetQuantity, s.spec.market.stepSize)),
});
