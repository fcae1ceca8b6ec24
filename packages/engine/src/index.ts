// The engine: ports, the engine itself, the in-memory store, replays, projections, the account.
export {
  accountStream,
  conflict,
  isStaleLeaseEpoch,
  leaseEpochOf,
  leaseStream,
  orderIdOfStream,
  staleLeaseEpoch,
  orderStream,
  versionMatches,
  type AppendResult,
  type AppendToStream,
  type BookSnapshotHeader,
  type BookSnapshotReader,
  type BookSnapshots,
  type Checkpoint,
  type ConcurrencyConflict,
  type EventStore,
  type ExpectedVersion,
  type LeaseFence,
  type NewEvent,
  type SnapshotOrder,
  type StaleLeaseEpoch,
  type StoredEvent,
  type WriterLock,
  type WriterLockHolder,
} from './ports/eventStore';
export type {
  Balance,
  Exchange,
  ExchangeError,
  ExchangeErrorCode,
  ExchangeOrder,
  ExchangeOrderStatus,
  ExchangeReport,
  Holdings,
  NativeStopSupport,
  OrderRequest,
  OrderType,
  Position,
  PricedPosition,
  StopChange,
  VenueMarketRules,
  MarketData,
  Execution,
  AccountReads,
} from './ports/exchange';
export {
  createEngine,
  type Engine,
  type EngineOptions,
  type Rejection,
  type Work,
  type WorkResult,
} from './createEngine';
export type { LiquidationGuardSpec, LiquidationOptions } from './liquidationGuards';
// What an adapter answers, as the reports the engine folds: a contract suite reads them too.
export { reportsFromOrder } from './reportsFromOrder';
export { getInMemoryEventStore } from './stores/memoryEventStore';
export { readAllEvents, readOrderViews } from './projections/readOrderViews';
export type { PlanCommand, PlanOrder, ReplayPlan } from './replay/replayPlan';
export {
  readReplayCheckpoint,
  replayTicks,
  type PlanRejection,
  type ReplayOptions,
  type ReplayOutcome,
} from './replay/replayTicks';
export {
  createAccountDesk,
  type AccountDesk,
  type EngineAccount,
  type ReconciliationPolicyName,
} from './account/accountDesk';
export {
  createLogger,
  errorClassOf,
  logLevels,
  redactedPaths,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogLevel,
} from './observability/logger';
export {
  createEngineMetrics,
  type EngineMetrics,
  type MetricsSource,
  type SendOutcome,
} from './observability/engineMetrics';
export { logEvents } from './observability/eventLog';
export { watchAccount, type Watchdog, type WatchdogOptions } from './account/watchAccount';
// The paper exchange's resting orders use the engine's heap.
export { createMinHeap, type MinHeap } from './index/minHeap';
// submit answers an Either: a caller can name its type without depending on fp-ts itself.
export type { Either } from 'fp-ts/Either';
export {
  acquirePartition,
  fenceOf,
  isLeaseLost,
  LeaseHeld,
  LeaseLost,
  ownedExchange,
  ownedStore,
  readLease,
  releaseLease,
  renewLease,
  takeLease,
  type HeldLease,
  type LeaseRefusal,
  type ObservedLease,
  type OwnershipOptions,
  type PartitionOwnership,
} from './lease';
export { rewriteTickRecord, tickRecordOf, type TickRecord } from './tickRecord';
