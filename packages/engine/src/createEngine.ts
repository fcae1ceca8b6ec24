import { left, right } from 'fp-ts/Either';
import { Subject } from 'rxjs';
import { decodeCommand, orderView, type OrderState, type OrderView } from '@smart-orders/core';
import { createAccountDesk } from './account/accountDesk';
import type { Engine, EngineOptions } from './engine';
import { createAccountRuntime, DEFAULT_STALE_AFTER_MS } from './account/accountRuntime';
import { createMarketDataWatch } from './account/marketDataWatch';
import { startDeadlineTimer } from './deadlineTimer';
import {
  lookUpWorking,
  reconcileWorking,
  recover,
  startEngine,
  type LifecycleContext,
} from './lifecycle';
import { createMarketPrices } from './marketPrices';
import { logEvents } from './observability/eventLog';
import { createLogger, errorClassOf, type LogFields } from './observability/logger';
import { createOpenOrderBook } from './openOrderBook';
import { createOutbox } from './outbox';
import type { StoredEvent } from './ports/eventStore';
import { admit, runUnit, stepSizesOf, type UnitContext, type UnitOutcome } from './runUnit';
import { createSendGate } from './sendGate';
import { needsNativeStopSupport, withNativeStopSupport } from './withNativeStopSupport';
import { unitsOf } from './unitsOf';
import { merge, type Work, type WorkResult } from './work';
import { createWorkQueue } from './workQueue';

export type { Engine, EngineOptions } from './engine';
export type { Rejection, Work, WorkResult } from './work';

/** The wiring of the engine: one path for every exchange (docs/engine.md "The path of a tick"). */
export const createEngine = (options: EngineOptions): Engine => {
  const { store, exchange } = options;
  const { metrics } = options;
  const logger = options.logger ?? createLogger();
  const warn = (message: string, fields: LogFields = {}): void =>
    logger.warn({ venue: exchange.id, ...fields }, message);
  const book = createOpenOrderBook();
  const queue = createWorkQueue();
  const prices = createMarketPrices();
  const events$ = new Subject<StoredEvent>();
  const orders$ = new Subject<OrderView>();
  const desk = options.account === undefined ? undefined : createAccountDesk(options.account);
  const outbox = createOutbox(exchange, warn, metrics);
  const gate = createSendGate(outbox, desk, warn);
  const markets = new Map<string, OrderState['spec']['market']>();
  const parts = { book, store, prices, exchange, desk, events$, orders$, markets, warn };
  const failed = (e: unknown): void => {
    const error = e instanceof Error ? e : new Error(String(e));
    if (options.onFailure === undefined)
      warn(`account: ${error.message}`, { errorClass: errorClassOf(error) });
    else options.onFailure(error);
  };
  const unitContext: UnitContext = {
    ...parts,
    heldSymbols: () => Object.keys(desk?.state.positions ?? {}),
    maxRetries: options.maxConflictRetries ?? 5,
    clock: { now: 0 },
    tickLedgers: new Map(),
  };

  /** After the commit: the requests go out, and the venue's answers come back as one unit. */
  const followUp = async (outcome: UnitOutcome): Promise<WorkResult> => {
    const own =
      outcome.accountEffects.length === 0 ? [] : await outbox.send(outcome.accountEffects);
    const answers = [...own, ...(await gate(outcome.effects))];
    let result = outcome.result;
    if (answers.length > 0) result = merge(result, await run({ reports: answers }));
    if (outcome.pollHoldings) {
      const polled = await runtime?.pollFlatten();
      if (polled != null) result = merge(result, polled);
    }
    // A fill the log cannot place is never only a warning: live, the account compares the log
    // with the exchange again, and what the fill moved is a divergence (SEMANTICS §4 v2).
    if (outcome.unexpectedFills > 0 && runtime !== undefined && lifecycle.liveProtocols)
      void runtime.reconcile('UNEXPECTED_FILL').catch((e: unknown) => failed(e));
    // An exit refused for insufficient balance: the balance moved outside the engine, so the
    // account compares the log with the exchange (SEMANTICS §9.1).
    if (outcome.heldExits > 0 && runtime !== undefined && lifecycle.liveProtocols)
      void runtime.reconcile('INSUFFICIENT_BALANCE').catch((e: unknown) => failed(e));
    return result;
  };
  // Most units (a tick that moved nothing) send nothing: they take no more turns of the loop.
  const settled = (outcome: UnitOutcome): WorkResult | Promise<WorkResult> => {
    if (metrics !== undefined) {
      metrics.decided();
      metrics.intended(outcome.effects);
      metrics.intended(outcome.accountEffects);
    }
    return outcome.effects.length === 0 &&
      outcome.accountEffects.length === 0 &&
      !outcome.pollHoldings &&
      desk === undefined
      ? outcome.result
      : followUp(outcome);
  };

  const marketData = createMarketDataWatch(options.account?.staleAfterMs ?? DEFAULT_STALE_AFTER_MS);
  const run = (work: Work, deadlinesDecided = false): Promise<WorkResult> => {
    if (work.tick !== undefined && !deadlinesDecided) marketData.observe(work.tick);
    const units = unitsOf(work, deadlinesDecided, (ts, symbol) => book.due(ts, symbol).length > 0);
    if (units !== undefined) {
      const [first, then] = units;
      return run(first.work, first.deadlinesDecided).then(async (a) =>
        merge(a, await run(then.work, then.deadlinesDecided)),
      );
    }
    // What a unit caused (its requests, the venue's answers) is settled after it leaves the
    // queue: the answers are units of their own.
    return queue
      .run(
        needsNativeStopSupport(work.commands)
          ? async () =>
              runUnit(unitContext, {
                ...work,
                commands: await Promise.all(
                  (work.commands ?? []).map((c) => withNativeStopSupport(exchange, c)),
                ),
              })
          : () => runUnit(unitContext, work),
      )
      .then(settled);
  };

  const runtime =
    desk === undefined
      ? undefined
      : createAccountRuntime({
          desk,
          exchange,
          warn,
          fail: (e) => failed(e),
          openOrders: () => book.all(),
          enqueue: run,
          idle: () => outbox.idle(),
          lookUpWorking: () => lookUpWorking(lifecycle, false),
          stepSizes: () => stepSizesOf(unitContext),
          marketData,
          gateOpened: () => recover(lifecycle, true),
        });
  const lifecycle: LifecycleContext = {
    ...{ store, exchange, book, desk, runtime, markets, run, warn, fail: failed },
    liveProtocols: options.account?.liveProtocols ?? exchange.matchTick === undefined,
  };
  let unsubscribe = (): void => undefined;
  let stopTimer = (): void => undefined;
  logEvents(events$, logger);
  metrics?.attach({
    events$,
    openOrders: () => book.views(),
    account: () => desk?.state,
  });
  const ticked = (work: Work): void => {
    if (work.tick !== undefined) metrics?.tickSeen(work.tick);
  };

  return {
    async start() {
      unsubscribe = await startEngine(lifecycle);
      const timer = options.timer ?? (lifecycle.liveProtocols ? {} : false);
      if (timer !== false)
        stopTimer = startDeadlineTimer(timer, (ts) => book.due(ts).length > 0, run, failed);
    },
    reconcileAccount: () => runtime?.reconcile('RECONNECT') ?? Promise.resolve(),
    reconcile: () => reconcileWorking(lifecycle),
    async stop() {
      stopTimer();
      runtime?.stop();
      await outbox.idle();
      await queue.drain();
      unsubscribe();
    },
    process(work) {
      ticked(work);
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
      metrics?.tickSeen(tick);
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
