/**
 * # The account decider (SEMANTICS §7: kill switch, reconciliation gate, dead man's switch)
 *
 * A decider of its own over the account stream `account-<accountId>` (`accountStreamName`),
 * beside the smart orders' streams, run by the same engine. Pure: time comes on commands,
 * client order ids are derived, nothing is read or written.
 *
 * ```ts
 * const initial = initialAccountState('default', plan.account?.risk ?? {}); // Either<AccountError, AccountState>
 * if (isLeft(initial)) fail(initial.left.message);                           // names each bad field
 * const decider = accountDecider(initial.right);                             // { decide, evolve, initialState }
 * decideAccount(command, state)  // Either<AccountError, AccountEvent[]>
 * decideAccountInSteps(command, state) // the same, with the state after each event
 * evolveAccount(state, event)    // AccountState;  foldAccount(state, events)
 * ```
 *
 * ## What the engine feeds it, and what it does with the answer
 * - `AccountTick { ts, symbol, price, marks? }` on every tick (`marks`: the engine's last prices
 *   of the other symbols). Rolls the session, re-prices a flatten's limit exit, raises the
 *   flatten timeout, checks the daily loss limit. Ticks are not recorded.
 * - `FillObserved { ts, orderId, symbol, side, price, quantity, reduceOnly, clientOrderId?, marks? }`
 *   once per fill of any order (a smart order's, or a flatten exit's with its `clientOrderId`).
 *   Checks the position limit and the daily loss limit.
 * - `OrderSent { ts, symbol, clientOrderId, reduceOnly }` as each order goes out (flatten exits
 *   too), `OrderDone { ts, clientOrderId }` when it stops working (filled, cancelled, expired,
 *   rejected). The runaway guard counts them.
 * - `CheckOrder { ts, kind, symbol, side?, quantity? }` before anything is sent: `Right([])`
 *   lets it go; `Left` with code `RECONCILIATION_PENDING`, `TRADING_HALTED` or
 *   `TRADING_REDUCING` refuses it and says what is allowed (`error.allowed`).
 * - `TripKillSwitch { ts, reason: MANUAL | HEARTBEAT_LOST | LIQUIDATION_NEAR, detail }`,
 *   `ResetKillSwitch { ts, by, to?, abandonFlatten? }`, `SetTradingState { ts, to, by }`.
 * - `MarkMarketDataStale { ts, symbol, lastTickTs? }` when a symbol with open orders has had no
 *   tick for `staleAfterMs` on the engine's clock; `FlattenStaleMarket { ts, symbol,
 *   silentForMs, flattenAfterStaleMs }` while it stays silent, which flattens that symbol alone
 *   once silent for `flattenAfterStaleMs` (`FlattenRequested` with `symbol`).
 * - Flatten: after `FlattenRequested` the engine cancels every working order and polls the
 *   exchange, feeding `FlattenProgress { ts, positions, workingOrders, stepSizes? }` until
 *   (a flatten with a `symbol`: that symbol's orders and position only, `flattenCovers`)
 *   `FlattenConfirmed`. It sends each `FlattenExitRequested` (a reduce-only market order) and
 *   `FlattenRetriedAsLimit` (a limit order at `limitPrice`, after cancelling `replaces`) with
 *   the event's `clientOrderId`, and reports a refused exit as
 *   `ExitRejected { ts, symbol, clientOrderId, reason, lastPrice, tickSize }`. Exit ids match
 *   `isFlattenClientOrderId`: route their reports here.
 * - Reconciliation: on every start and reconnect, `StartReconciliation { ts, reason }` first;
 *   nothing is sent (flatten exits included) until
 *   `ReconcileWith { ts, expected, actual, policy, stepSizes? }` is decided. The engine sends
 *   the `OrphanCancelRequested` cancels; under CANCEL_ORPHANS it reconciles again once they
 *   are done.
 * - `RecordHeartbeat { ts }` on a period; the watchdog folds the stream and asks
 *   `heartbeatStale(state.lastHeartbeatTs, now, maxSilenceMs)`; when stale it decides
 *   `TripKillSwitch { reason: 'HEARTBEAT_LOST' }` and runs the same flatten.
 *
 * The state says the rest: `tradingState`, `killSwitch`, `gate`, `flatten` (its exits),
 * `positions`, `session`. `docs/emergency-playbook.md` lists every event with an example.
 */
export {
  AccountCommand,
  AccountTick,
  CheckOrder,
  ExitRejected,
  FillObserved,
  FlattenProgress,
  FlattenStaleMarket,
  ManualTripReason,
  MarkMarketDataStale,
  OrderDone,
  OrderKindCodec,
  OrderSent,
  ReconcileWith,
  ReconciliationPolicy,
  ReconciliationReason,
  RecordHeartbeat,
  ResetKillSwitch,
  SetTradingState,
  StartReconciliation,
  TradingModeCodec,
  TripKillSwitch,
} from './accountCommand';
export { accountDecider } from './accountDecider';
export {
  accountError,
  accountValidationFailed,
  isAccountError,
  type AccountError,
  type AccountErrorCode,
} from './accountError';
export {
  ACCOUNT_EVENT_TYPES,
  AccountEventCodec,
  Difference,
  DifferenceKind,
  FlattenReasonCodec,
  TradingStateChangeReason,
  TradingStateCodec,
  TripReasonCodec,
  accountEvent,
  type AccountEvent,
  type AccountEventData,
  type AccountEventOf,
  type AccountEventType,
  type FlattenReason,
  type TripReason,
} from './accountEvent';
export { PositionReport, SpotBalance, WorkingOrderRef } from './accountRules';
export { baseAssetOf, ownSpotPositions } from './ownSpotPosition';
export {
  DEFAULT_ACCOUNT_ID,
  accountStreamName,
  initialAccountState,
  type AccountState,
  type Flatten,
  type FlattenExit,
  type Gate,
  type KillSwitch,
  type OrderKind,
  type Session,
  type TradingMode,
  type TradingState,
} from './accountState';
export { decideAccount, decideAccountInSteps, decodeAccountCommand } from './decideAccount';
export type { AccountDecision } from './accountDecision';
export { evolveAccount, foldAccount } from './evolveAccount';
export {
  workingOn,
  workingOrderRefs,
  workingSymbols,
  type TrackedOrder,
  type WorkingOrders,
} from './workingOrders';
export { flattenClientOrderId, isFlattenClientOrderId } from './flattenClientOrderId';
export { flattenCovers } from './flatten';
export { exitFillQuantity } from './exitFillQuantity';
export { owedExitCancels } from './owedExitCancels';
export { DEFAULT_STALE_AFTER_MS } from './marketDataStale';
export { heartbeatStale } from './heartbeat';
export {
  decideStaleFlatten,
  staleFlattenDue,
  staleFlattenLimitError,
  type StalePosition,
} from './staleFlatten';
export type { Holdings } from './reconciliationDifferences';
export { PositionLimits, RISK_DEFAULTS, RiskConfig } from './riskConfig';
export type { SessionStart } from './sessionStart';
export type { TimeZone } from './timeZone';
