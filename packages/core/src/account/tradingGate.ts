import { left, right, type Either } from 'fp-ts/Either';
import Big from 'big.js';
import { accountError, type AccountError } from './accountError';
import type { AccountEvent } from './accountEvent';
import type { CheckOrder } from './accountCommand';
import { own } from './accountRules';
import type { AccountState, OrderKind } from './accountState';
import { isStale } from './marketDataStale';
import { haltCause } from './tradingState';

const ALL: readonly OrderKind[] = [
  'ENTRY',
  'MODIFY_ADDS_RISK',
  'MODIFY_REDUCES_RISK',
  'CANCEL',
  'REDUCE_ONLY_EXIT',
];
/** What cannot add exposure. A HALTED account still cancels and still lets its stops protect it. */
const RISK_FREE: readonly OrderKind[] = ['MODIFY_REDUCES_RISK', 'CANCEL', 'REDUCE_ONLY_EXIT'];

/** The kinds of order that pass the gate now (an ENTRY while REDUCING passes only when it reduces). */
export const allowedKinds = (state: AccountState): readonly OrderKind[] => {
  if (state.gate === 'RECONCILING') return [];
  return state.tradingState === 'ACTIVE' ? ALL : RISK_FREE;
};

/** An entry against the position, no larger than it: it can only bring exposure down. */
const reducesPosition = (state: AccountState, cmd: CheckOrder): boolean => {
  const held = own(state.positions, cmd.symbol)?.quantity ?? 0;
  if (cmd.side === undefined || cmd.quantity === undefined || held === 0) return false;
  const against = cmd.side === 'BUY' ? held < 0 : held > 0;
  return against && new Big(cmd.quantity).lte(Math.abs(held));
};

const listed = (kinds: readonly OrderKind[]): string =>
  kinds.length === 0 ? 'nothing' : kinds.join(', ');

/**
 * The gate the engine asks before it sends anything: no events when the order may go, a typed
 * rejection naming the account's state and what is allowed when it may not.
 */
export const decideCheckOrder = (
  state: AccountState,
  cmd: CheckOrder,
): Either<AccountError, AccountEvent[]> => {
  const what = `${cmd.kind} on ${cmd.symbol}`;
  if (state.gate === 'RECONCILING') {
    return left(
      accountError(
        'RECONCILIATION_PENDING',
        state,
        `${what} refused: account ${state.accountId} is reconciling (${state.reconciliation ?? 'START'}); ` +
          'nothing is sent until the event log has been compared with the exchange (ReconcileWith)',
      ),
    );
  }
  const allowed = allowedKinds(state);
  if (cmd.kind === 'ENTRY' && isStale(state, cmd.symbol)) {
    // An entry priced on a market that has gone silent: the price it would meet is unknown.
    return left(
      accountError(
        'MARKET_DATA_STALE',
        state,
        `${what} refused: the market data of ${cmd.symbol} is stale (no tick since ${String(own(state.staleMarkets, cmd.symbol))}); ` +
          `new entries wait for its next tick; allowed: ${listed(allowed.filter((k) => k !== 'ENTRY'))}`,
        allowed.filter((k) => k !== 'ENTRY'),
      ),
    );
  }
  if (
    (cmd.kind === 'ENTRY' || cmd.kind === 'MODIFY_ADDS_RISK') &&
    state.flatten?.symbol === cmd.symbol
  ) {
    // A symbol's own flatten (stale data) is closing it: what adds to it would be sold again.
    const stillAllowed = allowed.filter((k) => k !== 'ENTRY' && k !== 'MODIFY_ADDS_RISK');
    return left(
      accountError(
        'FLATTEN_IN_PROGRESS',
        state,
        `${what} refused: flatten ${state.flatten.seq} of account ${state.accountId} is closing ${cmd.symbol} ` +
          `(${state.flatten.reason}); it trades again once the flatten is confirmed; allowed: ${listed(stillAllowed)}`,
        stillAllowed,
      ),
    );
  }
  const flattenExit = state.flatten === null ? undefined : own(state.flatten.exits, cmd.symbol);
  if (cmd.kind === 'REDUCE_ONLY_EXIT' && flattenExit?.working === true) {
    // Two exits of one position race: the second sells what the first already sold.
    return left(
      accountError(
        'FLATTEN_IN_PROGRESS',
        state,
        `${what} refused: flatten ${state.flatten?.seq ?? ''} of account ${state.accountId} is exiting ${cmd.symbol} ` +
          `(${flattenExit.clientOrderId}); a second exit would sell the position twice; allowed: CANCEL, MODIFY_REDUCES_RISK`,
        allowed.filter((k) => k !== 'REDUCE_ONLY_EXIT'),
      ),
    );
  }
  if (allowed.includes(cmd.kind)) return right([]);
  if (state.tradingState === 'HALTED') {
    return left(
      accountError(
        'TRADING_HALTED',
        state,
        `${what} refused: account ${state.accountId} is HALTED because ${haltCause(state) ?? 'it was halted'}; ` +
          `allowed: ${listed(allowed)}`,
        allowed,
      ),
    );
  }
  if (cmd.kind === 'ENTRY' && reducesPosition(state, cmd)) return right([]);
  return left(
    accountError(
      'TRADING_REDUCING',
      state,
      `${what} refused: account ${state.accountId} is REDUCING, only orders that reduce exposure pass; ` +
        `allowed: ${listed(allowed)}, and an ENTRY against the open position no larger than it (give side and quantity)`,
      allowed,
    ),
  );
};
