import { formatIssues, type ValidationIssue } from '../codecs/issues';
import type { OrderKind, TradingState } from './accountState';

export type AccountErrorCode =
  | 'VALIDATION_FAILED'
  | 'TRADING_HALTED'
  | 'TRADING_REDUCING'
  | 'RECONCILIATION_PENDING'
  | 'MARKET_DATA_STALE'
  | 'RECONCILIATION_NOT_STARTED'
  | 'KILL_SWITCH_NOT_TRIPPED'
  | 'FLATTEN_IN_PROGRESS'
  | 'UNKNOWN_FLATTEN_EXIT';

/**
 * An account command that does not apply, or an order the gate refuses. Callers branch on
 * `code`; `tradingState` and `allowed` say where the account stands and which kinds of order
 * would pass now; the message says the same for people.
 */
export interface AccountError {
  readonly code: AccountErrorCode;
  readonly message: string;
  readonly accountId: string;
  readonly tradingState: TradingState;
  readonly allowed: readonly OrderKind[];
  readonly issues: readonly ValidationIssue[];
}

export const accountError = (
  code: AccountErrorCode,
  at: { readonly accountId: string; readonly tradingState: TradingState },
  message: string,
  allowed: readonly OrderKind[] = [],
  issues: readonly ValidationIssue[] = [],
): AccountError => ({
  code,
  message,
  accountId: at.accountId,
  tradingState: at.tradingState,
  allowed,
  issues,
});

export const accountValidationFailed = (
  at: { readonly accountId: string; readonly tradingState: TradingState },
  issues: readonly ValidationIssue[],
): AccountError => accountError('VALIDATION_FAILED', at, formatIssues(issues), [], issues);

export const isAccountError = (u: unknown): u is AccountError =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as AccountError).code === 'string' &&
  typeof (u as AccountError).accountId === 'string' &&
  Array.isArray((u as AccountError).allowed);
