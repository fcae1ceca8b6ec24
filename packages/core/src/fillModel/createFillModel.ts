import type { Tick } from '../commands/tick';
import { feeOf, type Fee, type FeeInput } from './fee';
import { fillModelConfig, type FillModelConfig } from './fillModelConfig';
import { matchTick, type Matched } from './matchTick';
import { screenPrint, type PrintHistory, type ScreenedPrint } from './printScreen';
import { tickBudget, type TickBudget } from './tickBudget';
import type { WorkingOrder } from './workingOrder';

/**
 * The one fill model (SEMANTICS §9.4) of the paper exchange, the testkit and the venue: its
 * functions bound to one configuration. It holds no state: the caller keeps the print history,
 * the tick's budget and the working orders, and passes them back in, so a replay is
 * deterministic and the model is tested as plain functions.
 *
 * Per tick: `screen` it (prints that are not the market stop here), open its `budget`, and
 * `match` the working orders in creation order; orders sent in answer to the tick are matched
 * against what is left of the same budget.
 */
export interface FillModel {
  readonly config: FillModelConfig;
  screen(history: PrintHistory, tick: Tick): ScreenedPrint;
  budget(tick: Tick): TickBudget;
  match(tick: Tick, budget: TickBudget, orders: readonly WorkingOrder[]): Matched;
  fee(fill: FeeInput): Fee;
}

export const createFillModel = (config: Partial<FillModelConfig> = {}): FillModel => {
  const c = fillModelConfig(config);
  return {
    config: c,
    screen: (history, tick) => screenPrint(history, tick, c.maxDeviationBps),
    budget: (tick) => tickBudget(tick, c.sizeLimits),
    match: (tick, budget, orders) => matchTick(c, tick, budget, orders),
    fee: (fill) => feeOf(c.fees, fill),
  };
};
