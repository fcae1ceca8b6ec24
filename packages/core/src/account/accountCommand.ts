import * as t from 'io-ts';
import { closed, tagged } from '../codecs/closed';
import {
  Bool,
  literals,
  MarketSymbol,
  NonEmptyString,
  NonNegativeNumber,
  OrderId,
  PositiveNumber,
  rule,
  Timestamp,
} from '../codecs/rule';
import {
  Positions,
  PriceMap,
  SideCodec,
  SpotBalances,
  StepSizes,
  WorkingOrders,
} from './accountRules';
import { ReportedFee } from '../fees/reportedFee';
import { Refusal } from '../commands/executionReport';

/**
 * What the engine (or the watchdog, or an operator) tells the account decider. Every command
 * carries the time it happened; the decider never reads a clock.
 */

/** A last-trade price. `marks`: the last prices of the account's other symbols, as the engine saw them. */
export const AccountTick = closed(
  'AccountTick',
  { type: t.literal('AccountTick'), ts: Timestamp, symbol: MarketSymbol, price: PositiveNumber },
  { marks: PriceMap },
);
export type AccountTick = t.TypeOf<typeof AccountTick>;

/**
 * A fill of any order on the account: a smart order's entry or exit (`orderId` its id) or a
 * flatten exit (`orderId` the account id, `clientOrderId` the exit's). Feed each fill once.
 * `marks`: as on a tick, the last prices of the other symbols.
 */
export const FillObserved = closed(
  'FillObserved',
  {
    type: t.literal('FillObserved'),
    ts: Timestamp,
    orderId: OrderId,
    symbol: MarketSymbol,
    side: SideCodec,
    price: PositiveNumber,
    quantity: PositiveNumber,
    reduceOnly: Bool,
  },
  {
    clientOrderId: NonEmptyString,
    marks: PriceMap,
    /** The fill's fee (SEMANTICS §9.2): the session's P&L, and so the daily loss limit, is net of it. */
    fee: ReportedFee,
  },
);
export type FillObserved = t.TypeOf<typeof FillObserved>;

/** An order the engine has just sent to the exchange (any order: entry, exit, flatten). */
export const OrderSent = closed('OrderSent', {
  type: t.literal('OrderSent'),
  ts: Timestamp,
  symbol: MarketSymbol,
  clientOrderId: NonEmptyString,
  reduceOnly: Bool,
});
export type OrderSent = t.TypeOf<typeof OrderSent>;

/** An order is no longer working: filled, cancelled, expired or rejected. */
export const OrderDone = closed('OrderDone', {
  type: t.literal('OrderDone'),
  ts: Timestamp,
  clientOrderId: NonEmptyString,
});
export type OrderDone = t.TypeOf<typeof OrderDone>;

export const ManualTripReason = literals(['MANUAL', 'HEARTBEAT_LOST', 'LIQUIDATION_NEAR'] as const);

export const TripKillSwitch = closed('TripKillSwitch', {
  type: t.literal('TripKillSwitch'),
  ts: Timestamp,
  reason: ManualTripReason,
  detail: NonEmptyString,
});
export type TripKillSwitch = t.TypeOf<typeof TripKillSwitch>;

export const TradingModeCodec = literals(['ACTIVE', 'REDUCING'] as const);

/**
 * `to`: the state to resume in (default: the one before the trip). `abandonFlatten`: reset
 * even though the flatten was never confirmed; the operator takes the positions over.
 */
export const ResetKillSwitch = closed(
  'ResetKillSwitch',
  { type: t.literal('ResetKillSwitch'), ts: Timestamp, by: NonEmptyString },
  { to: TradingModeCodec, abandonFlatten: Bool },
);
export type ResetKillSwitch = t.TypeOf<typeof ResetKillSwitch>;

/** An operator moves an account that is not halted between ACTIVE and REDUCING. */
export const SetTradingState = closed('SetTradingState', {
  type: t.literal('SetTradingState'),
  ts: Timestamp,
  to: TradingModeCodec,
  by: NonEmptyString,
});
export type SetTradingState = t.TypeOf<typeof SetTradingState>;

export const OrderKindCodec = literals([
  'ENTRY',
  'MODIFY_ADDS_RISK',
  'MODIFY_REDUCES_RISK',
  'CANCEL',
  'REDUCE_ONLY_EXIT',
] as const);

/**
 * The gate, asked before anything is sent. An ENTRY may pass while REDUCING when `side` and
 * `quantity` show that it reduces the position on `symbol` without reversing it.
 */
export const CheckOrder = closed(
  'CheckOrder',
  { type: t.literal('CheckOrder'), ts: Timestamp, kind: OrderKindCodec, symbol: MarketSymbol },
  { side: SideCodec, quantity: PositiveNumber },
);
export type CheckOrder = t.TypeOf<typeof CheckOrder>;

/**
 * What the exchange reports while a flatten is polled: every non-zero position (signed) and
 * every working order. `stepSizes`: a remainder smaller than one step counts as flat.
 * `spotBalances`: on spot, the base assets' balances, of which only the account's own position
 * (above its baseline) is flattened.
 */
const StreamVersion = rule(
  'an integer >= 0 (the account stream version)',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0,
);

/**
 * One reading of the exchange during a flatten. `readFrom`: the account's version when the
 * reading began; an exit that stopped working after it may have filled after the reading, so no
 * exit is sized on it for that symbol. `lastPrices`: the engine's last price per symbol, at which
 * a limit exit that replaces a left-behind one is priced.
 */
export const FlattenProgress = closed(
  'FlattenProgress',
  {
    type: t.literal('FlattenProgress'),
    ts: Timestamp,
    positions: Positions,
    workingOrders: WorkingOrders,
  },
  {
    stepSizes: StepSizes,
    spotBalances: SpotBalances,
    readFrom: StreamVersion,
    lastPrices: PriceMap,
  },
);
export type FlattenProgress = t.TypeOf<typeof FlattenProgress>;

/**
 * The exchange refused a flatten exit. `tickSize` rounds the marketable limit that replaces it.
 * `refusal: INSUFFICIENT_BALANCE`: the coins are not there (already sold, or still locked), so
 * nothing is sent on it; the next reading of the exchange says what is left.
 */
export const ExitRejected = closed(
  'ExitRejected',
  {
    type: t.literal('ExitRejected'),
    ts: Timestamp,
    symbol: MarketSymbol,
    clientOrderId: NonEmptyString,
    reason: NonEmptyString,
    lastPrice: PositiveNumber,
    tickSize: PositiveNumber,
  },
  { refusal: Refusal },
);
export type ExitRejected = t.TypeOf<typeof ExitRejected>;

export const ReconciliationReason = literals([
  'START',
  'RECONNECT',
  'MANUAL',
  'UNEXPECTED_FILL',
  'INSUFFICIENT_BALANCE',
] as const);

/** Closes the gate: nothing is sent until `ReconcileWith` has compared the log with the exchange. */
export const StartReconciliation = closed('StartReconciliation', {
  type: t.literal('StartReconciliation'),
  ts: Timestamp,
  reason: ReconciliationReason,
});
export type StartReconciliation = t.TypeOf<typeof StartReconciliation>;

export const ReconciliationPolicy = literals(['HALT', 'ADOPT', 'CANCEL_ORPHANS'] as const);

const Holdings = closed('Holdings', { positions: Positions, workingOrders: WorkingOrders });

/**
 * `expected`: what the event log says the account holds; `actual`: what the exchange reports.
 * `stepSizes`: position quantities closer than one step of their symbol are equal.
 * `spotBalances`: on spot, the base assets' balances; the position compared is the account's
 * own, above its baseline, which is recorded afresh while the engine holds nothing there.
 */
export const ReconcileWith = closed(
  'ReconcileWith',
  {
    type: t.literal('ReconcileWith'),
    ts: Timestamp,
    expected: Holdings,
    actual: Holdings,
    policy: ReconciliationPolicy,
  },
  { stepSizes: StepSizes, spotBalances: SpotBalances },
);
export type ReconcileWith = t.TypeOf<typeof ReconcileWith>;

/**
 * A symbol with open orders has had no tick for longer than the engine's `staleAfterMs`, on its
 * wall clock. `lastTickTs`: the time of the last tick it received, absent when none since start.
 */
export const MarkMarketDataStale = closed(
  'MarkMarketDataStale',
  { type: t.literal('MarkMarketDataStale'), ts: Timestamp, symbol: MarketSymbol },
  { lastTickTs: Timestamp },
);
export type MarkMarketDataStale = t.TypeOf<typeof MarkMarketDataStale>;

/**
 * A stale symbol has been silent for `silentForMs` on the engine's wall clock, and the account
 * flattens a symbol silent for `flattenAfterStaleMs` (SEMANTICS §7 v2): the decider flattens that
 * symbol's position when the rule says it is due, and nothing otherwise.
 */
export const FlattenStaleMarket = closed('FlattenStaleMarket', {
  type: t.literal('FlattenStaleMarket'),
  ts: Timestamp,
  symbol: MarketSymbol,
  silentForMs: NonNegativeNumber,
  flattenAfterStaleMs: PositiveNumber,
});
export type FlattenStaleMarket = t.TypeOf<typeof FlattenStaleMarket>;

export const RecordHeartbeat = closed('RecordHeartbeat', {
  type: t.literal('RecordHeartbeat'),
  ts: Timestamp,
});
export type RecordHeartbeat = t.TypeOf<typeof RecordHeartbeat>;

export type AccountCommand =
  | AccountTick
  | FillObserved
  | OrderSent
  | OrderDone
  | TripKillSwitch
  | ResetKillSwitch
  | SetTradingState
  | CheckOrder
  | FlattenProgress
  | ExitRejected
  | StartReconciliation
  | ReconcileWith
  | RecordHeartbeat
  | MarkMarketDataStale
  | FlattenStaleMarket;

export const AccountCommand = tagged('AccountCommand', {
  AccountTick,
  FillObserved,
  OrderSent,
  OrderDone,
  TripKillSwitch,
  ResetKillSwitch,
  SetTradingState,
  CheckOrder,
  FlattenProgress,
  ExitRejected,
  StartReconciliation,
  ReconcileWith,
  RecordHeartbeat,
  MarkMarketDataStale,
  FlattenStaleMarket,
} as Record<string, t.Mixed>) as t.Type<AccountCommand, AccountCommand, unknown>;
