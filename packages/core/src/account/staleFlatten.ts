import { accountEvent, type AccountEvent } from './accountEvent';
import type { FlattenStaleMarket } from './accountCommand';
import { own } from './accountRules';
import type { AccountState } from './accountState';
import { openPositions } from './positions';
import { workingOrderRefs } from './workingOrders';

/** A position to close: its symbol and signed quantity, as the flatten takes it. */
export interface StalePosition {
  readonly symbol: string;
  readonly quantity: number;
}

/**
 * `flattenAfterStaleMs` (SEMANTICS §7 v2): optional, off unless set. It only makes sense after
 * the symbol is stale, so it must be a whole number of milliseconds greater than `staleAfterMs`;
 * a value at or below it would flatten a position whose data was never declared stale. Returns
 * the message naming the field and the rule, or null when the pair is allowed.
 */
export const staleFlattenLimitError = (
  staleAfterMs: number,
  flattenAfterStaleMs: number | undefined,
): string | null =>
  flattenAfterStaleMs === undefined ||
  (Number.isInteger(flattenAfterStaleMs) && flattenAfterStaleMs > staleAfterMs)
    ? null
    : `account.flattenAfterStaleMs: ${String(flattenAfterStaleMs)} is not allowed; ` +
      `it must be a whole number of milliseconds greater than account.staleAfterMs (${staleAfterMs}), ` +
      'since a symbol is flattened only after its market data was declared stale';

/**
 * The positions to flatten because their symbol's market data has been silent too long: those
 * of `symbol` alone (other symbols keep trading), and only when the account has recorded the
 * symbol stale (`MarketDataStale`, not resumed by a tick since) and it has been silent, on the
 * engine's clock, for at least `flattenAfterStaleMs`. Nothing while a flatten is under way: that
 * flatten closes the symbol already. Without `flattenAfterStaleMs` nothing is ever flattened.
 */
export const staleFlattenDue = (
  state: AccountState,
  symbol: string,
  silentForMs: number,
  flattenAfterStaleMs: number | undefined,
): StalePosition[] =>
  flattenAfterStaleMs === undefined ||
  silentForMs < flattenAfterStaleMs ||
  own(state.staleMarkets, symbol) === undefined ||
  state.flatten !== null
    ? []
    : openPositions(state).filter((p) => p.symbol === symbol);

/**
 * `FlattenRequested` for the stale symbol alone (`symbol` set, reason `MARKET_DATA_STALE`) when
 * the rule above says it is due: its working orders are cancelled and its position exited, the
 * other symbols keep trading and the account keeps its trading state. Nothing otherwise.
 */
export const decideStaleFlatten = (
  state: AccountState,
  cmd: FlattenStaleMarket,
): AccountEvent[] => {
  const positions = staleFlattenDue(state, cmd.symbol, cmd.silentForMs, cmd.flattenAfterStaleMs);
  if (positions.length === 0) return [];
  return [
    accountEvent('FlattenRequested', cmd.ts, {
      reason: 'MARKET_DATA_STALE',
      flatten: state.flattens + 1,
      symbol: cmd.symbol,
      positions,
      workingOrders: workingOrderRefs(state.workingOrders, cmd.symbol),
    }),
  ];
};
