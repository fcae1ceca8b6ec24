import type { AccountDesk } from './account/accountDesk';
import { workingExitRequests } from './account/accountEffects';
import type { AccountRuntime } from './account/accountRuntime';
import { workingRequests, type CancelEffect, type PlaceEffect } from './effects';
import type { OpenOrderBook } from './openOrderBook';
import type { EventStore } from './ports/eventStore';
import type { Exchange } from './ports/exchange';
import { restoreBookSnapshot, writeBookSnapshot, type FoldedLog } from './bookSnapshot';
import { rebuildOpenOrders } from './rebuild';
import { recoveredIntents, type RecoveredIntent } from './recoveredIntents';
import { recoverWorkingOrders, type Recovered } from './recoverWorkingOrders';
import type { Work } from './work';

export interface LifecycleContext {
  readonly store: EventStore;
  readonly exchange: Exchange;
  readonly book: OpenOrderBook;
  readonly desk: AccountDesk | undefined;
  readonly runtime: AccountRuntime | undefined;
  /** Whether the account's live protocols run: heartbeats, the reconciliation gate, polls on timers. */
  readonly liveProtocols: boolean;
  readonly markets: Map<string, { readonly stepSize: number; readonly tickSize: number }>;
  readonly run: (work: Work) => Promise<unknown>;
  readonly warn: (message: string) => void;
  /** Work that failed where no caller waits for it (a report's unit refused by the store). */
  readonly fail: (error: unknown) => void;
  /** Whether the book is snapshotted at a stop and restored from its snapshot at a start. */
  readonly snapshots: boolean;
  /** What the book has folded of the log since the start. */
  readonly folded: FoldedLog;
}

/**
 * While running, an order the exchange lists as open with the fills the log already holds has
 * nothing to tell: one read of the open orders per symbol stands for a lookup (and, on Binance,
 * a read of its trades for the fee) per order. With a thousand resting orders those lookups
 * took the venue's whole request budget every cycle. What is not listed so, or when the list
 * cannot be read, is looked up as before.
 */
const notListedAsLogged = async (
  exchange: Exchange,
  requests: readonly (PlaceEffect | CancelEffect)[],
): Promise<(PlaceEffect | CancelEffect)[]> => {
  const listed = new Map<string, number>();
  const symbols = new Set(requests.flatMap((e) => (e.kind === 'place' ? [e.request.symbol] : [])));
  for (const symbol of symbols) {
    const open = await exchange.openOrders(symbol);
    if (open._tag === 'Left') return [...requests];
    for (const o of open.right)
      if (o.status === 'OPEN') listed.set(o.clientOrderId, o.filledQuantity);
  }
  return requests.filter(
    (e) =>
      e.kind !== 'place' || listed.get(e.request.clientOrderId) !== (e.request.filledQuantity ?? 0),
  );
};

/**
 * Every order the log says may be working, looked up; `resend`: absent ones go out again. At a
 * start (`createdAt`, where each open order was created) they go in the order they were first
 * asked for: a venue whose book died with the process (paper) gives the orders it gets again
 * the time priority it gave them, so that of two exits waiting for prints, the one sent first
 * still fills first.
 */
export const lookUpWorking = async (
  ctx: LifecycleContext,
  resend: boolean,
  createdAt?: (orderId: string) => number | undefined,
): Promise<Recovered> => {
  const intents: RecoveredIntent[] = [];
  for (const state of [...ctx.book.mayBeWorking()]) {
    // Most of a large book has nothing working (positions waiting for their prices): no await
    // for those, which was a twentieth of a restart of 100k orders.
    const working = workingRequests(state);
    if (working.length === 0) continue;
    intents.push(
      ...(await recoveredIntents(ctx.store, state, working, createdAt?.(state.spec.orderId))),
    );
  }
  if (createdAt !== undefined) intents.sort((a, b) => a.askedAt - b.askedAt);
  const requests = intents.map((i) => i.effect);
  if (ctx.desk !== undefined) requests.push(...workingExitRequests(ctx.desk.state));
  const toLookUp = resend ? requests : await notListedAsLogged(ctx.exchange, requests);
  return recoverWorkingOrders(ctx.exchange, toLookUp, ctx.warn, resend);
};

/** Every intent in flight looked up, and its outcome folded; `resend`: absent ones go out again. */
export const recover = async (
  ctx: LifecycleContext,
  resend: boolean,
  createdAt?: (orderId: string) => number | undefined,
): Promise<void> => {
  const { reports } = await lookUpWorking(ctx, resend, createdAt);
  if (reports.length > 0) await ctx.run({ reports });
};

/**
 * The open book as the log has it: the store's snapshot, when this code wrote it, then the log
 * after it; or the whole log.
 */
const restoreBook = async (ctx: LifecycleContext): Promise<void> => {
  const { folded } = ctx;
  // A snapshot is restored into an empty book only (a start after work was already taken in
  // folds the whole log over it, as without snapshots).
  const snapshots = ctx.snapshots && ctx.book.size === 0 ? ctx.store.bookSnapshots : undefined;
  const restored = snapshots === undefined ? 0 : await restoreBookSnapshot(snapshots, ctx.book);
  folded.restored = restored > 0 ? restored : null;
  folded.through = await rebuildOpenOrders(ctx.store, ctx.book, restored);
  folded.last = folded.through;
  folded.orderEvents = 0;
};

/**
 * The book written beside the log at a stop, for the next start to read instead of the log up
 * to it; a store without snapshots, or an engine told not to, writes none.
 */
export const snapshotBook = async (ctx: LifecycleContext): Promise<void> => {
  const snapshots = ctx.snapshots ? ctx.store.bookSnapshots : undefined;
  // Nothing folded since the snapshot the start read: that one still stands.
  if (snapshots === undefined || ctx.folded.restored === ctx.folded.last) return;
  if (!(await writeBookSnapshot(snapshots, ctx.book, ctx.folded)))
    ctx.warn(
      'no snapshot of the open book written: another writer appended order events this engine did not fold, or a state would not pack; the next start reads the log',
    );
};

/**
 * Start: every open order is rebuilt in one pass over the log; the exchange's reports are
 * followed; with live protocols the account records a heartbeat and closes the reconciliation
 * gate until the log and the exchange agree; then every intent whose outcome was never recorded
 * is looked up, and sent again where the exchange does not know it.
 */
export const startEngine = async (ctx: LifecycleContext): Promise<() => void> => {
  const { desk, runtime, exchange } = ctx;
  await restoreBook(ctx);
  // Each open order is stored at its creation's position.
  const createdAt = (orderId: string): number | undefined => ctx.book.seq(orderId);
  if (desk !== undefined)
    for (const [symbol, market] of ctx.book.markets()) ctx.markets.set(symbol, market);
  await desk?.load(ctx.store);
  const subscription = exchange.reports$.subscribe(
    (r) => void ctx.run({ reports: [r] }).catch(ctx.fail),
  );
  if (desk !== undefined && runtime !== undefined) {
    if (ctx.liveProtocols) {
      await runtime.startLive();
      runtime.follow();
      // Intents whose outcome was never recorded are resent only through an open gate.
      if (desk.state.gate === 'OPEN' && desk.state.tradingState !== 'HALTED')
        await recover(ctx, true, createdAt);
      return () => subscription.unsubscribe();
    }
    // A venue in this process started empty with it: it gets the positions the log says it held.
    exchange.restorePositions?.(
      Object.entries(desk.state.positions).map(([symbol, p]) => ({ symbol, quantity: p.quantity })),
    );
    runtime.follow();
  }
  await recover(ctx, true, createdAt);
  return () => subscription.unsubscribe();
};

/** While running: what the exchange says of every working order is folded (a dropped report). */
export const reconcileWorking = (ctx: LifecycleContext): Promise<void> => recover(ctx, false);
