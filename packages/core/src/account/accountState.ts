import { left, right, type Either } from 'fp-ts/Either';
import { issuesOf } from '../codecs/issues';
import { OrderId } from '../codecs/rule';
import type { Side } from '../side';
import { accountValidationFailed, type AccountError } from './accountError';
import type { FlattenReason, TripReason } from './accountEvent';
import { RISK_DEFAULTS, RiskConfig } from './riskConfig';
import { parseSessionStart, type SessionStart } from './sessionStart';
import { NO_WORKING_ORDERS, type WorkingOrders } from './workingOrders';

/** ACTIVE: anything passes. REDUCING: only what reduces exposure. HALTED: the kill switch, or a divergence. */
export type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';
/** The state an operator chose; the account trades in it whenever nothing halts it. */
export type TradingMode = 'ACTIVE' | 'REDUCING';

export type OrderKind =
  'ENTRY' | 'MODIFY_ADDS_RISK' | 'MODIFY_REDUCES_RISK' | 'CANCEL' | 'REDUCE_ONLY_EXIT';

/** The reconciliation gate. RECONCILING: nothing may be sent until the comparison is recorded. */
export type Gate = 'OPEN' | 'RECONCILING';

export interface Position {
  /** Signed base units: negative for a short. */
  readonly quantity: number;
  /** Average cost of the open quantity; null for a position adopted without one. */
  readonly averagePrice: number | null;
  /** The last price recorded for the symbol (a fill, a trip's marks, an adoption). */
  readonly mark: number | null;
}

export interface Session {
  readonly session: string;
  readonly startsAt: number;
  readonly endsAt: number;
  readonly realisedPnl: number;
  /** Unrealised P&L of the positions carried into the session, at the marks of its start. */
  readonly carriedUnrealisedPnl: number;
}

export interface KillSwitch {
  readonly reason: TripReason;
  readonly detail: string;
  readonly trippedAt: number;
}

/** The exit order of one symbol in a flatten: the last one asked for. */
export interface FlattenExit {
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly attempt: number;
  readonly clientOrderId: string;
  /** null for a market exit; once an exit was refused, every later one is a limit. */
  readonly limitPrice: number | null;
  readonly lastPrice: number | null;
  readonly tickSize: number | null;
  /** It may still fill: not filled in full, not rejected, not reported done. */
  readonly working: boolean;
  /**
   * Its cancel was asked (the market left its limit behind): it is replaced, at a price of the
   * moment, only once the exchange has confirmed it gone, never while it may still fill.
   */
  readonly cancelling: boolean;
  /**
   * The account's version once it stopped working: a reading of the exchange begun before then
   * may predate its last fills, so no exit is sent on it (`exitsFor`). null while it works.
   */
  readonly settledAt: number | null;
}

export interface Flatten {
  /** 1 for the account's first flatten: part of its exits' client order ids. */
  readonly seq: number;
  readonly reason: FlattenReason;
  /** The one symbol it closes (stale market data); null: the whole account. */
  readonly symbol: string | null;
  readonly requestedAt: number;
  readonly timedOut: boolean;
  /** When it last moved: its request, or the last fill of one of its exits (`flattenTimeout`). */
  readonly progressAt: number;
  readonly exits: Readonly<Record<string, FlattenExit>>;
  /**
   * What each of its exit orders has filled, by client order id, the replaced ones too: a
   * report's cumulative quantity is counted against it once (`exitFillQuantity`).
   */
  readonly filled: Readonly<Record<string, number>>;
}

export interface AccountState {
  readonly accountId: string;
  readonly risk: RiskConfig;
  readonly sessionStart: SessionStart;
  readonly tradingState: TradingState;
  readonly mode: TradingMode;
  /** Tripped and not reset. */
  readonly killSwitch: KillSwitch | null;
  readonly gate: Gate;
  readonly reconciliation:
    'START' | 'RECONNECT' | 'MANUAL' | 'UNEXPECTED_FILL' | 'INSUFFICIENT_BALANCE' | null;
  /**
   * The last comparison found differences and halted the account; it stays halted, through
   * later reconciliations too, until one finds none.
   */
  readonly diverged: boolean;
  /** null until the first tick or fill with a daily loss limit configured. */
  readonly session: Session | null;
  readonly positions: Readonly<Record<string, Position>>;
  /** Orders sent and not reported done. */
  readonly workingOrders: WorkingOrders;
  /** When the orders of the runaway window were sent, oldest first. */
  readonly recentSends: readonly number[];
  readonly flatten: Flatten | null;
  /** Flattens requested so far. */
  readonly flattens: number;
  readonly lastHeartbeatTs: number | null;
  /**
   * On spot, by base asset: the balance that is not the engine's, recorded while it held
   * nothing there. The account's own position is the balance above it.
   */
  readonly baselines: Readonly<Record<string, number>>;
  /** Symbols whose market data is stale, with the time of their last tick (null: none seen). */
  readonly staleMarkets: Readonly<Record<string, number | null>>;
  /** Events folded so far: the stream version. */
  readonly version: number;
}

/**
 * The account before its first event, or the reasons its id or risk config are invalid (each
 * issue names the field and the rule).
 */
export const initialAccountState = (
  accountId: string,
  risk: RiskConfig = {},
): Either<AccountError, AccountState> => {
  const at = { accountId, tradingState: 'ACTIVE' as const };
  const id = OrderId.decode(accountId);
  if (id._tag === 'Left') {
    return left(
      accountValidationFailed(
        at,
        issuesOf(id.left).map((i) => ({ ...i, path: 'accountId' })),
      ),
    );
  }
  const decoded = RiskConfig.decode(risk);
  if (decoded._tag === 'Left') {
    return left(
      accountValidationFailed(
        at,
        issuesOf(decoded.left).map((i) => ({
          ...i,
          path: i.path === '' ? 'risk' : `risk.${i.path}`,
        })),
      ),
    );
  }
  const sessionStart = parseSessionStart(decoded.right.sessionStart ?? RISK_DEFAULTS.sessionStart);
  if (sessionStart === null) {
    return left(accountValidationFailed(at, [{ path: 'risk.sessionStart', rule: 'unreadable' }]));
  }
  return right({
    accountId,
    risk: decoded.right,
    sessionStart,
    tradingState: 'ACTIVE',
    mode: 'ACTIVE',
    killSwitch: null,
    gate: 'OPEN',
    reconciliation: null,
    diverged: false,
    session: null,
    positions: {},
    workingOrders: NO_WORKING_ORDERS,
    recentSends: [],
    flatten: null,
    flattens: 0,
    lastHeartbeatTs: null,
    baselines: {},
    staleMarkets: {},
    version: 0,
  });
};

export const accountStreamName = (accountId: string): string => `account-${accountId}`;

export const DEFAULT_ACCOUNT_ID = 'default';
