import { left, right } from 'fp-ts/Either';
import { Subject } from 'rxjs';
import { decodeCommand, orderView, type OrderState, type OrderView } from '@smart-orders/core';
import { createAccountDesk } from './account/accountDesk';
import { guardedAccount } from './account/guardedAccount';
import type { Engine, EngineOptions } from './engine';
import { createAccountRuntime, DEFAULT_STALE_AFTER_MS } from './account/accountRuntime';
import { createMarketDataWatch } from './account/marketDataWatch';
import { deadlineTimerOf, startDeadlineTimer } from './deadlineTimer';
import { foldedLog } from './bookSnapshot';
import { createFollowUp } from './followUp';
import { startLiquidationWatch } from './account/liquidationWatch';
import {
  lookUpWorking,
  reconcileWorking,
  recover,
  snapshotBook,
  startEngine,
  type LifecycleContext,
} from './lifecycle';
import { createMarketPrices } from './marketPrices';
import { createLogger } from './observability/logger';
import { observeEngine } from './observability/observeEngine';
import { failuresTo, warningsTo } from './observability/warnings';
import { UNPACKED_ORDERS } from './keptStates';
import { createOpenOrderBook } from './openOrderBook';
import { createOutbox } from './outbox';
import type { StoredEvent } from './ports/eventStore';
import { admit, stepSizesOf, type UnitContext, type UnitOutcome } from './runUnit';
import { createSendGate } from './sendGate';
import { createWorkRunner } from './workRunner';
import { createWorkQueue } from './workQueue';

export type { Engine, EngineOptions } from './engine';
export type { Rejection, Work, WorkResult } from './work';

/** The wiring of the engine: one path for every exchange (docs/engine.md "The path of a tick"). */
export const createEngine = (options: EngineOptions): Engine => {
  const { store, exchange, metrics } = options;
  const logger = options.logger ?? createLogger();
  const warn = warningsTo(logger, exchange.id);
  const failed = failuresTo(options.onFailure, warn);
  const book = createOpenOrderBook(unpackedOrdersOf(options.unpackedOrders));
  const queue = createWorkQueue();
  const prices = createMarketPrices();
  const events$ = new Subject<StoredEvent>();
  const orders$ = new Subject<OrderView>();
  const account = guardedAccount(options.account, exchange);
  const desk = account === undefined ? undefined : createAccountDesk(account);
  const outbox = createOutbox(exchange, warn, metrics);
  const gate = createSendGate(outbox, desk, warn);
  const markets = new Map<string, OrderState['spec']['market']>();
  const liveProtocols = account?.liveProtocols ?? exchange.matchTick === undefined;
  const folded = foldedLog();
  const unitContext: UnitContext = {
    ...{ book, store, prices, exchange, desk, events$, orders$, markets, warn },
    heldSymbols: () => Object.keys(desk?.state.positions ?? {}),
    maxRetries: options.maxConflictRetries ?? 5,
    clock: { now: 0 },
    tickLedgers: new Map(),
    folded,
  };
  // Only the account's runtime asks when a symbol last had a tick: without an account, a tick
  // reads no clock.
  const marketData =
    desk === undefined
      ? undefined
      : createMarketDataWatch(account?.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  const settle = (outcome: UnitOutcome) => {
    observers.decided(outcome);
    return followUp(outcome);
  };
  const run = createWorkRunner({
    ...{ queue, unit: unitContext, exchange, marketData, settle },
    liquidation: options.liquidation,
  });

  const runtime =
    desk === undefined || marketData === undefined
      ? undefined
      : createAccountRuntime({
          desk,
          exchange,
          warn,
          fail: (e) => failed(e),
          openSymbols: () => book.symbols(),
          enqueue: run,
          idle: () => outbox.idle(),
          lookUpWorking: () => lookUpWorking(lifecycle, false),
          stepSizes: () => stepSizesOf(unitContext),
          marketData,
          gateOpened: () => recover(lifecycle, true),
        });
  const lifecycle: LifecycleContext = {
    ...{ store, exchange, book, desk, runtime, markets, run, warn, fail: failed },
    ...{ liveProtocols, folded, snapshots: options.bookSnapshots ?? true },
  };
  const followUp = createFollowUp({ outbox, gate, run, runtime, liveProtocols, fail: failed });
  const observers = observeEngine(
    { events$, openOrders: () => book.views(), account: () => desk?.state },
    logger,
    metrics,
  );
  let started = false;
  let unsubscribe = (): void => undefined;
  let stopTimer = (): void => undefined;
  let stopLiquidationWatch = (): void => undefined;

  return {
    async start() {
      unsubscribe = await startEngine(lifecycle);
      started = true;
      const timer = deadlineTimerOf(options.timer, liveProtocols);
      stopTimer = startDeadlineTimer(timer, (ts) => book.due(ts).length > 0, run, failed);
      if (options.liquidation !== undefined && desk !== undefined)
        stopLiquidationWatch = startLiquidationWatch({
          ...{ options: options.liquidation, exchange, enqueue: run, warn },
          lastPrice: (symbol) => prices.last(symbol),
        });
    },
    reconcileAccount: () => runtime?.reconcile('RECONNECT') ?? Promise.resolve(),
    reconcile: () => reconcileWorking(lifecycle),
    async stop() {
      stopTimer();
      stopLiquidationWatch();
      runtime?.stop();
      await outbox.idle();
      await queue.drain();
      unsubscribe();
      if (started) {
        started = false;
        await snapshotBook(lifecycle);
      }
    },
    process(work) {
      if (work.tick !== undefined) observers.tickSeen(work.tick);
      return run(work);
    },
    async submit(input) {
      const decoded = decodeCommand(input);
      if (decoded._tag === 'Left') return decoded;
      const result = await run({ commands: [decoded.right] });
      const rejection = result.rejections[0];
      return rejection === undefined ? right(result.events) : left(rejection.error);
    },
    tick(tick) {
      observers.tickSeen(tick);
      return run({ tick });
    },
    account: () => desk?.state,
    observePrice(tick) {
      admit(unitContext.tickLedgers, { tick });
      prices.observe(tick);
    },
    lastPrice: (symbol) => prices.last(symbol),
    view: (orderId) => {
      const s = book.get(orderId);
      return s === undefined ? undefined : orderView(s);
    },
    openOrders: () => book.views(),
    get openOrderCount() {
      return book.size;
    },
    events$: events$.asObservable(),
    orders$: orders$.asObservable(),
  };
};

const unpackedOrdersOf = (value: number | undefined): number => {
  if (value === undefined) return UNPACKED_ORDERS;
  if (value !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(value) || value < 0))
    throw new RangeError(
      `unpackedOrders must be a whole number of orders, 0 or more, or Infinity (never pack); got ${value}`,
    );
  return value;
};
