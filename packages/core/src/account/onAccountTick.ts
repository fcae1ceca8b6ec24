import type { AccountTick } from './accountCommand';
import type { AccountState } from './accountState';
import { dailyLossBreach } from './dailyLossLimit';
import { flattenCovers, flattenTimeout } from './flatten';
import { repriceExit } from './flattenExits';
import { resumeMarketData } from './marketDataStale';
import { accountSteps, type AccountDecision } from './accountDecision';
import { trip } from './killSwitch';
import { marksOf, openPositions } from './positions';
import { rollSession } from './sessionRoll';
import { workingOn, workingSymbols } from './workingOrders';

/**
 * A tick marks the account to market. In order: the session rolls if the tick is past its
 * end; a flatten's limit exit left behind by this price is re-priced; an overdue flatten
 * raises its alert; the daily loss limit is checked at the tick's price (and the engine's
 * `marks` for the other symbols). A tick decides nothing on an account without a loss limit
 * and without a flatten under way, which keeps the hot path cheap; ticks are not recorded.
 * First of all, the tick of a symbol whose data was stale records `MarketDataResumed`.
 */
export const onAccountTick = (state: AccountState, cmd: AccountTick): AccountDecision => {
  const resumed = resumeMarketData(state, cmd.ts, cmd.symbol);
  if (state.risk.dailyLossLimit === undefined && state.flatten === null)
    return accountSteps.steps(state, () => resumed);
  const marks = marksOf(state, { ...cmd.marks, [cmd.symbol]: cmd.price });
  return accountSteps.steps(
    state,
    () => resumed,
    (s) => rollSession(s, cmd.ts, marks),
    (s) => repriceExit(s, cmd.ts, cmd.symbol, cmd.price),
    (s) =>
      s.flatten === null
        ? []
        : flattenTimeout(
            s,
            cmd.ts,
            openPositions(s).filter((p) => flattenCovers(s.flatten, p.symbol)),
            workingSymbols(s.workingOrders)
              .filter((symbol) => flattenCovers(s.flatten, symbol))
              .reduce((sum, symbol) => sum + workingOn(s.workingOrders, symbol), 0),
          ),
    (s) => trip(s, cmd.ts, dailyLossBreach(s, marks), marks),
  );
};
