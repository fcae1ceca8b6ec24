import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Subscription } from 'rxjs';
import {
  TERMINAL_EVENT_TYPES,
  type Command,
  type OrderEventType,
  type Tick,
} from '@smart-orders/core';
import {
  createEngine,
  ownedExchange,
  ownedStore,
  readOrderViews,
  type EngineAccount,
  type LiquidationGuardSpec,
  type LiquidationOptions,
  type StoredEvent,
} from '@smart-orders/engine';
import { readPlan, type Plan } from '@smart-orders/replay-files';
import type {
  CcxtExchange,
  FuturesSetting,
  FuturesSettingsFound,
} from '@smart-orders/exchange-ccxt';
import { badInput } from '../cliFailure';
import { checkLeaseMs, checkPartitionKey, DEFAULT_LEASE_MS, holdPartition } from '../holdPartition';
import { followConnection } from '../followConnection';
import { openLiveExchange } from '../liveExchange';
import { formatJsonl, formatTimelineRow } from '../output';
import { formatRunStatus } from '../output/runStatusLine';
import { startOperations, type Operations, type OperationsArgs } from '../operations';
import { openStore, parseStoreUrl, type StoreUrl } from '../storeUrl';
import type { Io } from './replay';

export interface RunArgs extends OperationsArgs {
  readonly plan: string;
  readonly store: string;
  readonly exchange: string;
  readonly url?: string;
  readonly sandbox?: boolean;
  readonly format?: 'jsonl' | 'table';
  readonly reconcileMs?: number;
  /** The partition whose lease the run holds (default: the plan's account id). */
  readonly partition?: string;
  /** Wait for the partition's lease for as long as its owner renews it, then take over. */
  readonly standby?: boolean;
  readonly leaseMs?: number;
}

/** How often the status line is printed while stderr is a terminal (CLI.md v2). */
const STATUS_EVERY_MS = 10_000;

/** How long a start may wait for the exchange before it says it cannot reach it. */
const PREFLIGHT_DEADLINE_MS = 10_000;

/** The account's refusals that last only a while: the plan item waits for the account to trade. */
const GATE_REFUSALS = new Set<string>([
  'TRADING_HALTED',
  'TRADING_REDUCING',
  'RECONCILIATION_PENDING',
  'MARKET_DATA_STALE',
  // The symbol's own flatten (stale data) is closing it: it trades again once confirmed.
  'FLATTEN_IN_PROGRESS',
]);

interface Due {
  readonly at: number | null;
  readonly command: Command;
}

/**
 * `smart-orders run` (CLI.md): the engine live on an exchange. Plan items take effect before the
 * first tick whose time reaches their `at`, in the same batch as that tick and the plan's
 * checkpoint, so a run killed at any point and started again with the same arguments applies
 * each item once; the engine's start recovers every order and looks up every intent in flight
 * before it sends anything.
 */
export const runCommand = async (
  args: RunArgs,
  io: Io,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> => {
  const format = args.format ?? (io.stdoutIsTerminal ? 'table' : 'jsonl');
  if (format !== 'jsonl' && format !== 'table')
    badInput(`--format: must be jsonl or table, got "${format}"`);
  const storeUrl = parseStoreUrl(args.store);
  // A live run's log is what recovers its orders after a crash: a store that dies with the
  // process would leave positions on the exchange that nothing remembers.
  if (storeUrl.kind === 'memory')
    badInput(
      '--store: memory: dies with the process, and a live run must recover its orders after a crash; use sqlite:PATH, postgres://… or esdb://…',
    );
  const leaseMs = checkLeaseMs(args.leaseMs ?? DEFAULT_LEASE_MS);
  const planRead = await readPlan(args.plan);
  if (planRead._tag === 'Left') return badInput(planRead.left);
  const plan = planRead.right;
  checkPartitionKey(args.partition);
  const exchange = openLiveExchange(args, env);
  let ops: Operations;
  try {
    ops = await startOperations(args, 'run', io, env);
  } catch (error) {
    await exchange.close();
    throw error;
  }
  try {
    await runWith(args, io, plan, exchange, ops, format, storeUrl, leaseMs);
  } finally {
    await ops.close();
  }
};

/** Every derivatives symbol the plan trades has its settings read, with the plan's where it gives some. */
const futuresSettingsOf = (
  plan: Plan,
  symbols: readonly string[],
): Record<string, FuturesSetting> =>
  Object.fromEntries(symbols.filter((s) => s.includes(':')).map((s) => [s, plan.futures[s] ?? {}]));

/** The symbols with a liquidation buffer, each with the leverage the exchange holds for it. */
const liquidationOptionsOf = (
  plan: Plan,
  found: readonly FuturesSettingsFound[],
): LiquidationOptions | undefined => {
  const symbols: Record<string, LiquidationGuardSpec> = {};
  for (const f of found) {
    const bufferPct = plan.futures[f.symbol]?.liquidationBufferPct;
    if (bufferPct !== undefined) symbols[f.symbol] = { leverage: f.leverage, bufferPct };
  }
  return Object.keys(symbols).length === 0 ? undefined : { symbols };
};

const runWith = async (
  args: RunArgs,
  io: Io,
  plan: Plan,
  exchange: CcxtExchange,
  ops: Operations,
  format: 'jsonl' | 'table',
  storeUrl: StoreUrl,
  leaseMs: number,
): Promise<void> => {
  const due: Due[] = [
    ...plan.orders.map((o) => ({ at: o.at, command: o.command as Command })),
    ...plan.commands.map((c) => ({ at: c.at, command: c.command as Command })),
  ].sort((a, b) => (a.at ?? -Infinity) - (b.at ?? -Infinity));
  const planIds = new Set(plan.orders.map((o) => o.command.orderId));
  const symbols = [...new Set(plan.orders.map((o) => o.command.symbol))];
  const checkpointName = `run:${createHash('sha256')
    .update(await readFile(args.plan, 'utf8'))
    .digest('hex')
    .slice(0, 24)}`;

  // A venue plays its own faults (`smart-orders venue --faults`): the engine only trades.
  if (plan.faults.length > 0)
    io.err('faults: played by the venue (smart-orders venue --faults FILE), not by run; ignored');
  // Live, the account is guarded whether or not the plan gives it risk limits (SEMANTICS §7 v2):
  // the reconciliation gate at start and after every reconnect, and heartbeats for the
  // watchdog. The kill switch's limits stay the plan's to set.
  const account: EngineAccount = {
    id: plan.account.id,
    ...(plan.account.risk === null ? {} : { risk: plan.account.risk }),
    ...(plan.account.staleAfterMs === null ? {} : { staleAfterMs: plan.account.staleAfterMs }),
    ...(plan.account.flattenAfterStaleMs === null
      ? {}
      : { flattenAfterStaleMs: plan.account.flattenAfterStaleMs }),
    symbols,
  };
  // Nothing is written or sent before the exchange has shown that the run could trade there.
  const ready = await exchange.preflight(symbols, PREFLIGHT_DEADLINE_MS);
  if (ready._tag === 'Left') {
    await exchange.close();
    return badInput(`--exchange: ${ready.left.message}`);
  }
  // Leverage, margin and position mode are the venue's: read (and set where the plan says) per
  // derivatives symbol before anything is sent; in hedge mode each order names its side.
  const futures = await exchange.futures(futuresSettingsOf(plan, symbols));
  if (futures._tag === 'Left') {
    await exchange.close();
    return badInput(`futures: ${futures.left.message}`);
  }
  const liquidation = liquidationOptionsOf(plan, futures.right);
  for (const found of futures.right)
    if (plan.futures[found.symbol] !== undefined)
      io.err(
        `futures ${found.symbol}: ${found.positionMode}, leverage ${found.leverage ?? 'unknown'}, margin ${found.marginMode ?? 'unknown'}${found.changed.length === 0 ? '' : ` (set: ${found.changed.join(', ')})`}`,
      );
  const shared = await openStore(storeUrl);
  // One engine owns the partition at a time: nothing of it is read or written before the lease
  // is held, every batch carries the lease's epoch, and nothing is sent once it is lost.
  const ownership = await holdPartition(
    shared,
    { key: args.partition ?? plan.account.id, standby: args.standby === true, leaseMs },
    io,
  ).catch(async (error: unknown) => {
    await exchange.close();
    await shared.close();
    throw error;
  });
  const store = ownedStore(shared, ownership);
  // The engine's own timers (heartbeats, following the account) failing means the store is
  // gone: the run ends, non-zero, instead of living on unable to record what it does.
  let failWith: (error: Error) => void = () => undefined;
  const failure = new Promise<never>((_, reject) => {
    failWith = reject;
  });
  failure.catch(() => undefined);
  const engine = createEngine({
    store,
    exchange: ownedExchange(exchange, ownership),
    logger: ops.logger,
    metrics: ops.metrics,
    onFailure: (error) => failWith(error),
    account,
    ...(liquidation === undefined ? {} : { liquidation }),
  });
  ops.watch(engine.events$);
  const show = (e: StoredEvent): void =>
    io.out(format === 'jsonl' ? formatJsonl(e) : formatTimelineRow(e));
  const known = new Set((await readOrderViews(store, planIds)).map((v) => v.orderId));
  const done = new Set(
    (await readOrderViews(store, planIds))
      .filter((v) => ['CLOSED', 'STOPPED', 'CANCELLED'].includes(v.status))
      .map((v) => v.orderId),
  );
  const accountStreamName = `account-${account.id}`;
  const events = engine.events$.subscribe((e) => {
    if (e.stream === accountStreamName && e.type !== 'HeartbeatRecorded') show(e);
    if (e.orderId === null || !planIds.has(e.orderId)) return;
    if (e.type === 'SmartOrderCreated') known.add(e.orderId);
    if (TERMINAL_EVENT_TYPES.has(e.type as OrderEventType)) done.add(e.orderId);
    show(e);
  });
  let applied = Number((await store.readCheckpoint(checkpointName)) ?? '0');
  // Creates the account refused for now (reconciling, halted, reducing) wait and go again once
  // it trades: a run never ends with a plan item it neither placed nor had refused for good.
  // After a restart, a create the log never recorded is handed over again for the same reason.
  const waiting = new Map<string, Command>();
  const told = new Set<string>();
  for (const item of due.slice(0, applied))
    if (item.command.type === 'CreateSmartOrder' && !known.has(item.command.orderId))
      waiting.set(item.command.orderId, item.command);
  const trading = (): boolean => {
    const state = engine.account();
    return state !== undefined && state.gate === 'OPEN' && state.tradingState === 'ACTIVE';
  };
  // A flatten under way is seen through to its confirmation before the run ends.
  const finished = (): boolean =>
    applied >= due.length &&
    waiting.size === 0 &&
    [...planIds].every((id) => done.has(id)) &&
    (engine.account()?.flatten ?? null) === null;

  // The gate closes when the order stream fails and compares again once it is back.
  const reconnects = followConnection(exchange, engine, ops.logger);
  const ticks = new Subscription();
  let reconciler: NodeJS.Timeout | undefined;
  let lastTickAt: number | null = null;
  // On a terminal, one line every 10 s says the run is alive, sees the market and can act.
  const status =
    io.stderr?.isTTY === true
      ? setInterval(() => {
          const state = engine.account();
          const now = Date.now();
          io.err(
            formatRunStatus({
              openOrders: engine.openOrderCount,
              waiting: waiting.size,
              lastTickAgeMs: lastTickAt === null ? null : now - lastTickAt,
              heartbeatAgeMs: state?.lastHeartbeatTs == null ? null : now - state.lastHeartbeatTs,
              tradingState: state?.tradingState ?? 'ACTIVE',
              reconciling: state?.gate === 'RECONCILING',
              stale: Object.keys(state?.staleMarkets ?? {}),
            }),
          );
        }, STATUS_EVERY_MS)
      : undefined;
  try {
    await Promise.race([engine.start(), failure, ownership.lost]);
    await new Promise<void>((resolve, reject) => {
      failure.catch(reject);
      ownership.lost.catch(reject);
      const finish = (): void => {
        ticks.unsubscribe();
        clearInterval(reconciler);
        resolve();
      };
      // A check still reading the exchange is not started again: overlapping checks queued
      // their reads behind each other and ahead of the orders.
      let checking = false;
      reconciler = setInterval(() => {
        if (checking) return;
        checking = true;
        void engine
          .reconcile()
          .catch(reject)
          .finally(() => (checking = false));
      }, args.reconcileMs ?? 2_000);
      if (finished()) return finish();
      ticks.add(
        exchange.ticks$(symbols).subscribe({
          next: (tick: Tick) => {
            lastTickAt = Date.now();
            const now: Command[] = [];
            const retried = waiting.size > 0 && trading() ? [...waiting.values()] : [];
            waiting.clear();
            while (applied + now.length < due.length) {
              const item = due[applied + now.length] as Due;
              if (item.at !== null && item.at > tick.ts) break;
              const ts = item.at ?? tick.ts;
              now.push({ ...item.command, ts } as Command);
            }
            const reached = applied + now.length;
            // Queued in order: a later tick's work runs after these commands, so it must not
            // send them again while the engine still waits for the venue's answers to them.
            applied = Math.max(applied, reached);
            engine
              .process({
                commands: [
                  ...retried
                    .filter((c) => c.type !== 'CreateSmartOrder' || !known.has(c.orderId))
                    .map((c) => ({ ...c, ts: tick.ts }) as Command),
                  ...now.filter((c) => c.type !== 'CreateSmartOrder' || !known.has(c.orderId)),
                ],
                tick,
                ...(now.length === 0
                  ? {}
                  : { checkpoint: { name: checkpointName, value: String(reached) } }),
              })
              .then((result) => {
                for (const r of result.rejections) {
                  if (r.command.type === 'CreateSmartOrder' && GATE_REFUSALS.has(r.error.code)) {
                    const first = !told.has(r.command.orderId);
                    told.add(r.command.orderId);
                    waiting.set(r.command.orderId, r.command);
                    if (first)
                      io.err(
                        `plan: CreateSmartOrder ${r.command.orderId} waits: ${r.error.code}: ${r.error.message}`,
                      );
                    continue;
                  }
                  io.err(
                    `plan: ${r.command.type} ${'orderId' in r.command ? r.command.orderId : ''} rejected: ${r.error.code}: ${r.error.message}`,
                  );
                }
                if (finished()) finish();
              }, reject);
          },
          error: reject,
        }),
      );
    });
  } finally {
    // A fatal error (the store gone, the credentials refused) stops everything the run started,
    // so the process ends and says so, instead of living on with timers and a dead store.
    ticks.unsubscribe();
    clearInterval(reconciler);
    clearInterval(status);
    await engine.stop().catch(() => undefined);
    reconnects.unsubscribe();
    events.unsubscribe();
    // Given up, a standby takes the partition at once instead of waiting for the lease to run out.
    await ownership.release().catch(() => undefined);
    await exchange.close();
    await store.close();
  }
};
