/**
 * `@smart-orders/core`: what a backend embeds. The codecs of commands and events, the order
 * decider (`decide`, `evolve`, `initialState`) and the account decider, the views and
 * projections, the errors, and the few pure helpers the adapters share (decimal arithmetic,
 * client order ids, the fill model). The rules behind the deciders stay inside; test
 * harnesses are in `@smart-orders/core/testing`.
 */

// Arithmetic and identifiers the adapters share with the core.
export { add, ceilToTick, floorToStep, isMultipleOf, mul, sub } from './decimal';
export { opposite, type Side } from './side';
export { extended } from './extended';
export {
  PURPOSE,
  clientOrderId,
  orderKey,
  orderKeyOf,
  parseClientOrderId,
  type ExitPurpose,
  type ParsedClientOrderId,
} from './clientOrderId';

// Errors.
export {
  domainError,
  isDomainError,
  validationFailed,
  type DomainError,
  type DomainErrorCode,
} from './domainError';

// Codec building blocks (used by the plan and request codecs of the CLI and the panel).
export { formatIssue, formatIssues, issue, issuesOf, type ValidationIssue } from './codecs/issues';
export { arrayOf, closed, tagged } from './codecs/closed';
export {
  Bool,
  ExchangeId,
  MarketSymbol,
  NonEmptyString,
  NonNegativeNumber,
  OrderId,
  PositiveNumber,
  Timestamp,
  literals,
  rule,
} from './codecs/rule';

// Commands.
export {
  CreateSmartOrder,
  Entry,
  LimitEntry,
  LiquidationGuard,
  MAX_TAKE_PROFIT_LEVELS,
  MarketEntry,
  MarketSpec,
  NativeStopMode,
  NativeStopSpec,
  PAPER_MARKET,
  SideCodec,
  StopLossSpec,
  TakeProfitLevelSpec,
  TimeLimits,
  TrailingEntry,
  TrailingSpec,
  TriggerSource,
} from './commands/createSmartOrder';
export { Cancel, ModifyStopLoss, ModifyTrailing, ToggleBreakEven } from './commands/liveCommands';
export { Tick, type EveryTickField } from './commands/tick';
export { Timer } from './commands/timer';
export { ExecType, ExecutionReport, Refusal } from './commands/executionReport';
export { Command, type OrderCommand } from './commands/command';
export {
  DEFAULT_MAINTENANCE_MARGIN_RATE,
  estimatedLiquidationPrice,
} from './rules/liquidationPrice';
export { stopIsSafe, stopLimitOf } from './rules/stopBeyondLiquidation';
export { liquidationNear } from './account/liquidationNear';

// Events.
export {
  NativeStopCancelReason,
  ORDER_EVENT_TYPES,
  OcoReason,
  OrderEventCodec,
  SmartOrderCreatedData,
  StopKind,
  TERMINAL_EVENT_TYPES,
  event,
  type EventData,
  type MarketData,
  type OrderEvent,
  type OrderEventOf,
  type OrderEventType,
} from './events/orderEvent';

// The order decider.
export {
  TERMINAL_STATUSES,
  initialState,
  isTerminal,
  type Closing,
  type ExitOrder,
  type LevelStatus,
  type NativeStopOrder,
  type NativeStopState,
  type OrderState,
  type OrderStatus,
  type State,
  type TakeProfitLevel,
  type TrailingState,
} from './state/orderState';
export { evolve, fold } from './state/evolve';
export { decide, decideOrder, decodeCommand, type OrderDecision } from './decide';
export { decideInSteps, eventsOf, type Decision, type InSteps, type Step } from './decideInSteps';
export { smartOrderDecider, type Decider } from './decider';

// What the engine asks of an order beyond its decisions: the prices that wake it, the price a
// stop or take-profit fires at, whether a new order is valid before it is sent, and whether a
// tick was delivered already (the duplicate-tick rule).
export { watchPrices, type WatchPrices } from './rules/watchPrices';
export { triggerPrice } from './rules/triggerPrice';
export { nextDeadline } from './rules/timeLimits';
export { admitTick, type TickLedger } from './rules/duplicateTick';
export { validateSmartOrder } from './rules/validateSmartOrder';
export { exactGridIssues } from './rules/exactGrid';

// Views and projections.
export {
  emptyOpenOrders,
  foldOpenOrders,
  type EnvelopeHead,
  type OpenOrders,
} from './projections/openOrders';
export { orderView, type OrderView } from './projections/orderView';
// The chart model of the CLI's HTML chart and the panel.
export {
  CHART_COLORS,
  FILL_MARK_STYLES,
  type FillMark,
  type FillMarkKind,
  type Sample,
  type SampledSeries,
  type SeriesStyle,
} from './projections/chart/chartSeries';
export {
  orderTrack,
  orderTracks,
  type ChartEnvelope,
  type OrderTrack,
  type TrackLine,
} from './projections/chart/orderTrack';
export {
  priceChart,
  type AlignedSeries,
  type PriceChart,
  type PriceChartOptions,
} from './projections/chart/priceChart';

// The account decider (kill switch, reconciliation, heartbeat, risk limits).
export {
  ACCOUNT_EVENT_TYPES,
  AccountCommand,
  AccountEventCodec,
  AccountTick,
  CheckOrder,
  DEFAULT_ACCOUNT_ID,
  DEFAULT_STALE_AFTER_MS,
  Difference,
  DifferenceKind,
  ExitRejected,
  FillObserved,
  FlattenProgress,
  FlattenReasonCodec,
  FlattenStaleMarket,
  ManualTripReason,
  OrderDone,
  OrderKindCodec,
  OrderSent,
  PositionLimits,
  PositionReport,
  RISK_DEFAULTS,
  ReconcileWith,
  ReconciliationPolicy,
  ReconciliationReason,
  RecordHeartbeat,
  ResetKillSwitch,
  RiskConfig,
  SetTradingState,
  StartReconciliation,
  TradingModeCodec,
  TradingStateChangeReason,
  TradingStateCodec,
  TripKillSwitch,
  TripReasonCodec,
  WorkingOrderRef,
  accountDecider,
  accountError,
  accountEvent,
  accountStreamName,
  accountValidationFailed,
  decideAccount,
  decideAccountInSteps,
  decodeAccountCommand,
  evolveAccount,
  exitFillQuantity,
  owedExitCancels,
  decideStaleFlatten,
  flattenClientOrderId,
  flattenCovers,
  foldAccount,
  workingOn,
  workingOrderRefs,
  workingSymbols,
  type TrackedOrder,
  type WorkingOrders,
  heartbeatStale,
  initialAccountState,
  staleFlattenDue,
  staleFlattenLimitError,
  type StalePosition,
  isAccountError,
  isFlattenClientOrderId,
  type AccountDecision,
  type AccountError,
  type AccountErrorCode,
  type AccountEvent,
  type AccountEventData,
  type AccountEventOf,
  type AccountEventType,
  type AccountState,
  type Flatten,
  type FlattenExit,
  type FlattenReason,
  type Gate,
  type Holdings,
  type KillSwitch,
  type OrderKind,
  type Session,
  type SessionStart,
  type TimeZone,
  type TradingMode,
  type TradingState,
  type TripReason,
  baseAssetOf,
  ownSpotPositions,
  SpotBalance,
} from './account';

// Policies of the account protocols the engine applies (SEMANTICS §7): pure, one per file.
export { accountCommandsOf, mayHaveWorkingOrder, type SentOrder } from './policies/accountFeed';
export { isLateCopy, recordedFill } from './policies/lateReport';
export { orderCheckOf } from './policies/orderCheck';
export { sendPolicy, type GatedRequest } from './policies/sendPolicy';
export { tripCancels, tripMayCancel } from './policies/tripCancels';

// The fill model of the paper exchange, the test kit and the venue (SEMANTICS §9.4).
export {
  DEFAULT_FEE_SCHEDULE,
  DEFAULT_FILL_MODEL,
  EMPTY_PRINT_HISTORY,
  FeeAsset,
  FeeSchedule,
  NO_FEES,
  PaperFillsSection,
  PRINT_WINDOW,
  budgetFor,
  createFillModel,
  feeOf,
  fillModelConfig,
  flaggedOffMarket,
  marketAssets,
  matchTick,
  medianOf,
  screenPrint,
  spendBudget,
  tickBudget,
  workingOrder,
  type Fee,
  type FeeInput,
  type Fill,
  type FillModel,
  type FillModelConfig,
  type Liquidity,
  type MarketAssets,
  type Matched,
  type PriceSource,
  type PrintHistory,
  type PrintVerdict,
  type ScreenedPrint,
  type TickBudget,
  type WorkingOrder,
} from './fillModel';
// Fees of fills as the exchange reports them, and what an order settles (SEMANTICS §9.1–§9.2).
export { FeeData, ReportedFee } from './fees/reportedFee';
export { baseFeeOf, feeValue, type FeeValue } from './fees/feeValue';
export { settlement, type Settlement } from './fees/settlement';

// Partition leases: who owns a partition, under which epoch, until when (docs/scaling.md).
export {
  decideLease,
  evolveLease,
  foldLease,
  initialLeaseState,
  isLeaseEvent,
  leaseStatus,
  leaseStreamName,
  type LeaseCommand,
  type LeaseError,
  type LeaseErrorCode,
  type LeaseEvent,
  type LeaseEventData,
  type LeaseEventType,
  type LeaseState,
  type LeaseStatus,
} from './lease';
