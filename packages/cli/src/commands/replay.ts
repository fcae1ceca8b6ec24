import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import {
  createEngine,
  createLogger,
  logLevels,
  readAllEvents,
  readOrderViews,
  readReplayCheckpoint,
  replayTicks,
  type LogLevel,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import {
  readPlan,
  readTicks,
  type Fault,
  type RejectMarketOrders,
} from '@smart-orders/replay-files';
import { badInput } from '../cliFailure';
import {
  accountExitsOf,
  formatJsonl,
  formatSummary,
  formatTimelineRow,
  renderChart,
} from '../output';
import { fillsKey, paperFillModel, type PaperFillFlags } from '../paperFillModel';
import { printLeft } from '../printLeft';
import { createProgress } from '../progress';
import { refuseOrdersOfAnotherPlan } from '../planOwnership';
import { holdReplayWriter } from '../replayWriter';
import { openStore, parseStoreUrl, storeFailureOf } from '../storeUrl';
import { screenTicks } from '../screenTicks';

export interface ReplayArgs extends PaperFillFlags {
  readonly ticks: string;
  /** Default `warn`: the engine's records on stderr (JSON), beside the replay's own lines. */
  readonly logLevel?: string;
  readonly plan: string;
  readonly symbol?: string;
  readonly store: string;
  readonly columns?: string;
  readonly format?: 'jsonl' | 'table' | 'summary';
  readonly chart?: string;
}

export interface Io {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly stdoutIsTerminal: boolean;
  readonly stderr: NodeJS.WriteStream | null;
}

const formats = ['jsonl', 'table', 'summary'] as const;

const isRejectMarketOrders = (f: Fault): f is RejectMarketOrders => 'rejectMarketOrders' in f;

/** The plan's orders whose symbol no tick of the file has: they would never trade (CLI.md). */
const ordersNoTickReaches = (
  orders: readonly { readonly command: { readonly orderId: string; readonly symbol: string } }[],
  ticks: readonly { readonly symbol: string }[],
): { orderId: string; symbol: string }[] => {
  // A loop, not a map of a million symbols into a list the set is made of.
  const seen = new Set<string>();
  for (const t of ticks) seen.add(t.symbol);
  return orders
    .filter((o) => !seen.has(o.command.symbol))
    .map(({ command: { orderId, symbol } }) => ({ orderId, symbol }));
};

/**
 * `smart-orders replay` (CLI.md): everything given is checked before the store is opened,
 * so bad input writes nothing; the replay is resumable on a durable store by its checkpoint,
 * named after the tick file, the plan and the symbol.
 */
export const replayCommand = async (args: ReplayArgs, io: Io): Promise<void> => {
  const format = args.format ?? (io.stdoutIsTerminal ? 'table' : 'jsonl');
  if (!formats.includes(format))
    badInput(`--format: must be one of ${formats.join(', ')}, got "${format}"`);
  const logLevel = (args.logLevel ?? 'warn') as LogLevel;
  if (!logLevels.includes(logLevel))
    badInput(`--log-level: must be one of ${logLevels.join(', ')}, got "${logLevel}"`);
  const storeUrl = parseStoreUrl(args.store);
  const columns = args.columns?.split(',').map((c) => c.trim());
  const ticksRead = await readTicks(args.ticks, {
    ...(args.symbol === undefined ? {} : { symbol: args.symbol }),
    ...(columns === undefined ? {} : { columns }),
  });
  if (ticksRead._tag === 'Left') return badInput(ticksRead.left);
  const planRead = await readPlan(args.plan);
  if (planRead._tag === 'Left') return badInput(planRead.left);
  const recorded = ticksRead.right.ticks;
  const plan = planRead.right;
  const { fills, maxDeviationBps } = paperFillModel(args, plan.paper);
  const screened = screenTicks(recorded, maxDeviationBps);
  const { ticks } = screened;
  if (screened.offMarket + screened.deviating > 0)
    io.err(
      `prints not acted on: ${screened.offMarket} flagged off-market, ${screened.deviating} beyond ${maxDeviationBps ?? '—'} bps of the median`,
    );
  const planText = await readFile(args.plan, 'utf8');
  const checkpointName = `replay:${createHash('sha256')
    .update(
      `${basename(args.ticks)}\n${recorded.length}\n${args.symbol ?? ''}\n${maxDeviationBps ?? ''}\n${fillsKey(fills)}${planText}`,
    )
    .digest('hex')
    .slice(0, 24)}`;
  const orderIds = new Set(plan.orders.map((o) => o.command.orderId));
  const unreachedSymbols = ordersNoTickReaches(plan.orders, recorded);
  if (
    args.symbol !== undefined &&
    plan.orders.length > 0 &&
    unreachedSymbols.length === plan.orders.length
  )
    badInput(
      `--symbol: the ticks are ${args.symbol} but the plan's orders trade ${[...new Set(plan.orders.map((o) => o.command.symbol))].join(', ')}; no tick would reach them`,
    );
  for (const o of unreachedSymbols)
    io.err(
      `warning: no tick reached order ${o.orderId} on ${o.symbol}; the ticks' symbols are ${[...new Set(recorded.map((t) => t.symbol))].join(', ') || 'none'}`,
    );

  const opened = await openStore(storeUrl);
  try {
    // Before anything is read or written: a second replay of the partition is refused at once.
    const { store } = await holdReplayWriter(opened, storeUrl, plan.account.id, io);
    await refuseOrdersOfAnotherPlan(store, checkpointName, orderIds);
    const show = (e: StoredEvent): void => {
      if (format === 'jsonl') io.out(formatJsonl(e));
      else if (format === 'table') io.out(formatTimelineRow(e));
    };
    const shown: StoredEvent[] = [];
    // A resumed replay shows first what the interrupted one committed, the account's too.
    const guarded = plan.account.risk === null ? null : `account-${plan.account.id}`;
    for await (const e of readAllEvents(store)) {
      if ((e.orderId !== null && orderIds.has(e.orderId)) || e.stream === guarded) {
        shown.push(e);
        show(e);
      }
    }
    // The paper exchange matches inside each batch: a report it never delivers, or delivers
    // late, cannot exist there, so only refusals of market orders are played.
    for (const f of plan.faults.filter((f) => !isRejectMarketOrders(f)))
      io.err(
        `faults: ${Object.keys(f).find((k) => k !== 'at' && k !== 'count') ?? 'fault'} is played by the venue (run), not by the paper exchange of a replay; ignored`,
      );
    const rejectMarketOrders = plan.faults
      .filter(isRejectMarketOrders)
      .map(({ from, to }) => ({ from, to }));
    // Without risk limits the account is not guarded: the log is the same as before accounts.
    const risk = plan.account.risk;
    const paper = getPaperExchange({
      fills,
      ...(rejectMarketOrders.length === 0 ? {} : { rejectMarketOrders }),
    });
    // A resumed replay's paper book is new: it is shown the last tick the log committed before
    // the engine resends what was working, so that an exit whose send the crash interrupted
    // meets what that tick's print had left, as it would have, not a print without a size.
    const resumed = readReplayCheckpoint(await store.readCheckpoint(checkpointName));
    const lastCommitted = resumed.after === null ? undefined : ticks[resumed.after];
    if (lastCommitted !== undefined)
      paper.matchTick?.(printLeft(lastCommitted, shown, resumed.tickFrom));
    const lastPosition = shown.at(-1)?.position ?? 0;
    const engine = createEngine({
      store,
      exchange: paper,
      logger: createLogger({
        level: logLevel,
        base: { component: 'replay' },
        destination: { write: (line: string) => io.err(line.trimEnd()) },
      }),
      ...(risk === null ? {} : { account: { id: plan.account.id, risk } }),
    });
    await engine.start();
    const progress = createProgress(io.stderr, 'replay');
    const outcome = await replayTicks({
      engine,
      store,
      ticks,
      plan,
      checkpointName,
      lastPosition,
      onEvents: (events) => {
        for (const e of events) {
          shown.push(e);
          show(e);
        }
      },
      onRejection: (r) =>
        io.err(
          `plan: ${r.command.type} ${'orderId' in r.command ? r.command.orderId : ''} at ${new Date(r.at).toISOString()} rejected: ${r.error.code}: ${r.error.message}`,
        ),
      onProgress: progress.update,
    });
    progress.done();
    await engine.stop();
    for (const c of outcome.unreached) {
      io.err(
        `plan: ${c.type} at ${new Date(c.ts).toISOString()} never took effect: it is after the last tick`,
      );
    }
    if (format !== 'jsonl') {
      const views = await readOrderViews(store, orderIds);
      io.out(
        formatSummary(views, outcome.rejections, {
          accountExits: accountExitsOf(shown, orderIds),
        }),
      );
    }
    if (args.chart !== undefined) {
      await writeFile(
        args.chart,
        renderChart({
          ticks: recorded,
          events: shown,
          title: `${basename(args.ticks)} × ${basename(args.plan)}`,
        }),
      );
      io.err(`chart written to ${args.chart}`);
    }
  } catch (error) {
    // The store's own failure mid-replay (a lock held by another writer) names the store.
    throw storeFailureOf(storeUrl, error);
  } finally {
    // Closing the store gives its writer lock up.
    await opened.close();
  }
};
