import { accountEvent, type AccountEvent } from './accountEvent';
import type { FlattenProgress } from './accountCommand';
import { own } from './accountRules';
import type { AccountState, Flatten } from './accountState';
import { exitsFor } from './flattenExits';
import { nextLegs, openLegs } from './openLegs';
import { ownSpotPositions } from './ownSpotPosition';
import { accountSteps, type AccountDecision } from './accountDecision';
import { openPositions, unrealisedPnl } from './positions';
import { RISK_DEFAULTS } from './riskConfig';

type Holding = { readonly symbol: string; readonly quantity: number };

/**
 * Whether a flatten closes `symbol`: a kill switch's flatten closes the whole account; a stale
 * symbol's (`symbol` set) closes that symbol alone, and the others' orders and positions are
 * left as they are (SEMANTICS §7 v2).
 */
export const flattenCovers = (flatten: Flatten | null, symbol: string): boolean =>
  flatten !== null && (flatten.symbol === null || flatten.symbol === symbol);

/**
 * `FlattenTimedOut` once, when the flatten has gone `flattenTimeoutMs` without progress (since
 * its request, or since the last fill of one of its exits: an exit filling in parts over seconds
 * is progress, not a stuck flatten): an alert for a person. The flatten goes on: polling, exits
 * and re-pricing continue until the exchange reports flat.
 */
export const flattenTimeout = (
  state: AccountState,
  ts: number,
  positions: readonly Holding[],
  workingOrders: number,
): AccountEvent[] => {
  const flatten = state.flatten;
  const timeoutMs = state.risk.flattenTimeoutMs ?? RISK_DEFAULTS.flattenTimeoutMs;
  if (flatten === null || flatten.timedOut || ts - flatten.progressAt < timeoutMs) return [];
  return [
    accountEvent('FlattenTimedOut', ts, {
      elapsedMs: ts - flatten.requestedAt,
      timeoutMs,
      positions: [...positions],
      workingOrders,
    }),
  ];
};

/**
 * The exchange's positions, leg by leg (a hedge-mode account's long and short of one symbol
 * apart, `openLegs`), without those smaller than one step; on spot the account's own, above its
 * baseline: coins held outside the engine are not sold.
 */
const stillOpen = (state: AccountState, cmd: FlattenProgress): Holding[] =>
  openLegs(
    [...cmd.positions, ...ownSpotPositions(state, cmd.spotBalances ?? [])],
    cmd.stepSizes ?? {},
  );

/**
 * Whether a flat exchange must wait before the flatten is confirmed: an exit the log holds
 * working has left the exchange's working orders, and its end (with the fills that made the
 * account flat) has not been reported yet. Confirming then would book those fills at the mark,
 * not at their prices, and the audit would lose them; the runtime looks such exits up. Once the
 * flatten has gone `flattenTimeoutMs` without progress, the exchange's word is enough.
 */
export const awaitsExitOutcome = (state: AccountState, ts: number): boolean => {
  const flatten = state.flatten;
  if (flatten === null) return false;
  const timeoutMs = state.risk.flattenTimeoutMs ?? RISK_DEFAULTS.flattenTimeoutMs;
  return (
    ts - flatten.progressAt < timeoutMs &&
    Object.values(flatten.exits).some((x) => x.working && flattenCovers(flatten, x.symbol))
  );
};

/**
 * One poll of the exchange during a flatten. Flat, no order working, and every exit's end
 * reported (`awaitsExitOutcome`): `FlattenConfirmed`, and whatever the log still holds is closed
 * at its mark (the fills that closed it were not
 * observed; the exchange is the truth). Otherwise: the timeout alert when it is due, and an
 * exit for each position left without one. Never assumes an exit worked: only the
 * exchange's report ends a flatten. A symbol's flatten looks at that symbol alone.
 */
export const decideFlattenProgress = (
  state: AccountState,
  cmd: FlattenProgress,
): readonly AccountEvent[] | AccountDecision => {
  const flatten = state.flatten;
  if (flatten === null) return [];
  const covered = ({ symbol }: { readonly symbol: string }) => flattenCovers(flatten, symbol);
  const open = stillOpen(state, cmd).filter(covered);
  if (open.length === 0 && !cmd.workingOrders.some(covered)) {
    if (awaitsExitOutcome(state, cmd.ts)) return [];
    return [
      accountEvent('FlattenConfirmed', cmd.ts, {
        elapsedMs: cmd.ts - flatten.requestedAt,
        closedAtMark: openPositions(state)
          .filter(covered)
          .map(({ symbol, quantity }) => {
            const position = own(state.positions, symbol);
            const price = position?.mark ?? null;
            return {
              symbol,
              quantity,
              price,
              realisedPnl: position === undefined ? 0 : unrealisedPnl(position, price),
            };
          }),
      }),
    ];
  }
  const free: Record<string, number> = {};
  for (const b of cmd.spotBalances ?? []) if (b.free !== undefined) free[b.symbol] = b.free;
  return accountSteps.steps(
    state,
    (s) => flattenTimeout(s, cmd.ts, open, cmd.workingOrders.filter(covered).length),
    (s) =>
      exitsFor(s, cmd.ts, {
        open: nextLegs(open),
        stepSizes: cmd.stepSizes ?? {},
        free,
        lastPrices: cmd.lastPrices ?? {},
        readFrom: cmd.readFrom,
      }),
  );
};
