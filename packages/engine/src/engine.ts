import type { Either } from 'fp-ts/Either';
import type { Observable } from 'rxjs';
import type { AccountState, DomainError, OrderView, Tick } from '@smart-orders/core';
import type { EngineAccount } from './account/accountDesk';
import type { EventStore, StoredEvent } from './ports/eventStore';
import type { TimerOptions } from './deadlineTimer';
import type { Exchange } from './ports/exchange';
import type { EngineMetrics } from './observability/engineMetrics';
import type { Logger } from './observability/logger';
import type { Work, WorkResult } from './work';
import type { LiquidationOptions } from './liquidationGuards';

export interface EngineOptions {
  readonly store: EventStore;
  readonly exchange: Exchange;
  /** Retries of a unit of work after a version conflict with another writer. */
  readonly maxConflictRetries?: number;
  /**
   * Open orders kept in memory as objects (default 150,000). Beyond them an order's state is
   * kept packed in one string, about a third of its memory, and made objects again when a tick,
   * a report or a reader needs it (a few microseconds). Books smaller than this never pack;
   * `Infinity`: no book does.
   */
  readonly unpackedOrders?: number;
  /**
   * Whether the open book is saved beside the log at `stop()` and read back at `start()`, where
   * the store keeps snapshots (SQLite): a restart then folds only the log after the snapshot. A
   * snapshot is read only by the code that wrote it, and written only when the book holds every
   * order event of the log up to its position. Default true; false: every start folds the
   * whole log and no snapshot is written (docs/engine.md, "Snapshots of the open book").
   */
  readonly bookSnapshots?: boolean;
  /**
   * Where the engine writes structured records (pino's shape; docs/operations.md): problems
   * that are not the caller's (effects that failed, reports for unknown orders) as warnings
   * with the order id, client order id, venue and error class, and every committed event at
   * the level an operator needs it. Default: a pino logger writing warnings and errors to
   * stderr as JSON lines.
   */
  readonly logger?: Logger;
  /** Prometheus metrics to keep (`createEngineMetrics()`); absent: none are counted. */
  readonly metrics?: EngineMetrics;
  /**
   * Work the engine does on its own timers (heartbeats, following the account stream, a
   * flatten's polls) failed for a reason no retry mends: the store refused or lost a write.
   * Such an engine can no longer record what it does, so it stops heartbeating (the watchdog
   * takes over) and the embedder should stop it: `run` stops and exits non-zero. Absent: a
   * warning.
   */
  readonly onFailure?: (error: Error) => void;
  /**
   * The account whose emergency protocols the engine runs (SEMANTICS §7): its gate refuses
   * orders, its kill switch cancels and flattens, and with live protocols its reconciliation
   * gate holds every send at start and its heartbeats feed the watchdog. Absent: the account
   * `default` on a live exchange (SEMANTICS §7 v2), none on paper (`matchTick`), whose replays
   * write not one event more; `false`: none, live or not.
   */
  readonly account?: EngineAccount | false;
  /**
   * The timer that keeps time limits on a quiet market (SEMANTICS §8.6): on by default when
   * the engine runs live protocols (a live exchange), off in replays, whose ticks carry the
   * time; `false` turns it off, options turn it on.
   */
  readonly timer?: TimerOptions | false;
  /**
   * Futures symbols with a liquidation buffer (issue 14): an order whose stop lies beyond its
   * estimated liquidation price with that margin is refused, and a position whose exchange
   * liquidation price comes within it of the mark trips the kill switch (`LIQUIDATION_NEAR`).
   */
  readonly liquidation?: LiquidationOptions;
}

export interface Engine {
  /** Rebuilds every open order and resolves its working exchange orders before accepting work. */
  start(): Promise<void>;
  /**
   * Looks every working exchange order up by client order id and folds what the exchange says:
   * a live engine calls it periodically and after reconnects, so a dropped report is recovered.
   */
  reconcile(): Promise<void>;
  /** Closes the reconciliation gate and compares the log with the exchange again (after a reconnect). */
  reconcileAccount(): Promise<void>;
  /** Stops taking reports and waits for the work in flight. The store and exchange stay open. */
  stop(): Promise<void>;
  /**
   * Decides and commits one unit of work (commands and reports first, then the tick), sends its
   * requests, and resolves once the venue's answers and what they caused are committed too.
   */
  process(work: Work): Promise<WorkResult>;
  /** Decodes a command from any input (an HTTP body, a plan) and applies it. */
  submit(input: unknown): Promise<Either<DomainError, readonly StoredEvent[]>>;
  /** The guarded account's state as committed; undefined without an account. */
  account(): AccountState | undefined;
  tick(tick: Tick): Promise<WorkResult>;
  /** Records a price, and the tick as applied, without deciding anything (a resumed replay's last committed tick). */
  observePrice(tick: Tick): void;
  lastPrice(symbol: string): number | undefined;
  view(orderId: string): OrderView | undefined;
  openOrders(): OrderView[];
  readonly openOrderCount: number;
  readonly events$: Observable<StoredEvent>;
  readonly orders$: Observable<OrderView>;
}
