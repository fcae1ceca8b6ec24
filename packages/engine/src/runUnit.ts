import {
  admitTick,
  domainError,
  orderView,
  type OrderState,
  type OrderView,
  type TickLedger,
} from '@smart-orders/core';
import type { Subject } from 'rxjs';
import type { AccountDesk } from './account/accountDesk';
import { foldedInto, type FoldedLog } from './bookSnapshot';
import { catchUp, commitUnit } from './commitWithRetry';
import { decideWork, type DecideContext, type TickStart } from './decideWork';
import type { Effect } from './effects';
import { priceOf } from './marketPrices';
import type { StoredEvent } from './ports/eventStore';
import type { Execution } from './ports/exchange';
import { withoutLateCopies } from './lateCopies';
import { rewriteTickRecord, tickRecordOf, type TickRecord } from './tickRecord';
import { applyTrip } from './tripCancels';
import { createUnitOfWork, type UnitOfWork } from './unitOfWork';
import {
  hasNothingToDecide,
  isTickAlone,
  NOTHING,
  timeOf,
  type Work,
  type WorkResult,
} from './work';

/** What one unit of work leaves to do after its commit: its requests, and whether to poll. */
export interface UnitOutcome {
  readonly result: WorkResult;
  /** The smart orders' requests: through the account's send gate. */
  readonly effects: readonly Effect[];
  /** The account's own requests (exits, orphans' cancels): never held by its gate. */
  readonly accountEffects: readonly Effect[];
  /** A flatten is under way and this unit moved the account: read the holdings again. */
  readonly pollHoldings: boolean;
  /**
   * Fills reported for orders the log has ended (or never placed): the exchange's position moved
   * where the log cannot follow, so the account compares the two again (SEMANTICS §4 v2).
   */
  readonly unexpectedFills: number;
  /** Exits refused for insufficient balance and held (SEMANTICS §9.1): the account reconciles. */
  readonly heldExits: number;
}

export interface UnitContext extends DecideContext {
  readonly exchange: Pick<Execution, 'matchTick'>;
  readonly desk: AccountDesk | undefined;
  readonly maxRetries: number;
  readonly events$: Subject<StoredEvent>;
  readonly orders$: Subject<OrderView>;
  /** The grid of each symbol the smart orders traded: a flatten's prices and dust follow it. */
  readonly markets: Map<string, OrderState['spec']['market']>;
  readonly clock: { now: number };
  /** The duplicate-tick rule's ledger of each symbol (SEMANTICS §6). */
  readonly tickLedgers: Map<string, HeldLedger>;
  /** What the book has folded of the log since the start (its snapshot at the stop). */
  readonly folded: FoldedLog;
}

/** A symbol's ledger as the engine holds it: rewritten in place, its last tick a record of its own. */
export interface HeldLedger {
  readonly last: TickRecord;
  earlierIds: TickLedger['earlierIds'];
}

/**
 * The duplicate-tick rule at the tick's entry (SEMANTICS §6, the core's `admitTick`): a tick
 * delivered again (older than the last of its symbol, a repeated id, or without ids one equal
 * in every field) changes nothing, and the unit goes on without it. The ledger the rule gives
 * back is copied into the symbol's held one, which keeps no tick it was given (tickRecord.ts).
 */
export const admit = (ledgers: Map<string, HeldLedger>, work: Work): Work => {
  const { tick } = work;
  if (tick === undefined) return work;
  const held = ledgers.get(tick.symbol);
  const ledger = admitTick(held, tick);
  if (ledger === null) {
    const { tick: _duplicate, ...rest } = work;
    return rest;
  }
  if (held === undefined)
    ledgers.set(tick.symbol, { last: tickRecordOf(tick), earlierIds: ledger.earlierIds });
  else {
    rewriteTickRecord(held.last, tick);
    held.earlierIds = ledger.earlierIds;
  }
  return work;
};

const QUIET: UnitOutcome = {
  result: NOTHING,
  effects: [],
  accountEffects: [],
  pollHoldings: false,
  unexpectedFills: 0,
  heldExits: 0,
};

const DEFAULT_TICK_SIZE = 0.01;

export const stepSizesOf = (ctx: UnitContext): Record<string, number> =>
  Object.fromEntries([...ctx.markets].map(([symbol, m]) => [symbol, m.stepSize]));

/**
 * The tick enters: the price is recorded, the venue that trades in tick time matches its book
 * on it, and the trigger index hands out the orders it may move.
 */
const startTick = (ctx: UnitContext, work: Work): TickStart | undefined => {
  if (work.tick === undefined) return undefined;
  ctx.prices.observe(work.tick);
  return {
    matched: ctx.exchange.matchTick?.(work.tick) ?? [],
    taken: ctx.book.index.take(work.tick),
  };
};

/**
 * One unit of work: decide (order decider and account decider), append in one transaction —
 * deciding again on fresh state after a version conflict, and answering CONCURRENCY_CONFLICT to
 * the commands when the conflict survives the retries — then hand the committed state to the
 * open-order book and publish the stored events. The requests it decided are returned, to be
 * sent after the commit.
 *
 * A unit that has nothing to decide (a tick that moves nothing, the common case) is answered
 * at once, not as a promise: it costs a look at the venue, the index and the account, and
 * neither a unit of work nor a turn of the event loop.
 */
export const runUnit = (ctx: UnitContext, delivered: Work): UnitOutcome | Promise<UnitOutcome> => {
  const work = admit(ctx.tickLedgers, delivered);
  // A tick delivered again and nothing beside it (a recording prints the same trade twice in a
  // millisecond): nothing to decide, and its checkpoint is not worth a commit of its own.
  if (hasNothingToDecide(work)) return QUIET;
  if (work.followAccount === true) return followAccount(ctx, work);
  return enter(ctx, work);
};

/** Reads what another writer appended to the account stream first; nothing new, nothing to do. */
const followAccount = async (ctx: UnitContext, work: Work): Promise<UnitOutcome> => {
  const { desk } = ctx;
  if (desk === undefined || !(await desk.behind(ctx.store))) return QUIET;
  await desk.load(ctx.store);
  return enter(ctx, work);
};

/** The tick enters; a tick alone that moves nothing ends here, with no unit of work made. */
const enter = (ctx: UnitContext, work: Work): UnitOutcome | Promise<UnitOutcome> => {
  const { desk } = ctx;
  const started = startTick(ctx, work);
  if (isTickAlone(work) && started?.matched.length === 0 && started.taken.length === 0) {
    const price = priceOf(work.tick);
    const quiet =
      desk === undefined ||
      price === undefined ||
      desk.quietTick(work.tick.ts, work.tick.symbol, price, () =>
        ctx.prices.beside(work.tick.symbol, Object.keys(desk.state.positions)),
      );
    if (quiet) return QUIET;
  }
  return decideAndCommit(ctx, work, started);
};

const NONE_CREATED: ReadonlyMap<string, number> = new Map();

/**
 * Where the unit's new orders were created: the book keeps an order at the position of its
 * `SmartOrderCreated`, as a restart does, so a snapshot of it dates each order's first requests.
 */
const creationPositions = (
  unit: UnitOfWork,
  events: readonly StoredEvent[],
): ReadonlyMap<string, number> => {
  let created: Map<string, number> | undefined;
  for (const t of unit.touched.values()) if (t.base === null) created ??= new Map();
  if (created === undefined) return NONE_CREATED;
  for (const e of events)
    if (e.type === 'SmartOrderCreated' && e.orderId !== null && !created.has(e.orderId))
      created.set(e.orderId, e.position);
  return created;
};

const decideAndCommit = async (
  ctx: UnitContext,
  work: Work,
  started: TickStart | undefined,
): Promise<UnitOutcome> => {
  const { book, desk } = ctx;
  const tick = work.tick;
  if (desk !== undefined) ctx.clock.now = Math.max(ctx.clock.now, timeOf(work));
  let taken = started?.taken ?? [];
  for (let attempt = 0; ; attempt++) {
    if (attempt > 0 && tick !== undefined) taken = book.index.take(tick);
    const account = desk?.begin({
      tickSize:
        desk.options.tickSize ??
        ((symbol) => ctx.markets.get(symbol)?.tickSize ?? DEFAULT_TICK_SIZE),
      lastPrice: (symbol) => ctx.prices.last(symbol),
      send: (effect) => unit.send(effect),
      warn: ctx.warn,
    });
    const unit = createUnitOfWork(book, account?.observer);
    let committed = false;
    try {
      const start = tick === undefined ? undefined : { matched: started?.matched ?? [], taken };
      await decideWork(ctx, unit, work, start, account);
      if (account !== undefined)
        applyTrip(book, unit, account, work, ctx.clock.now, () => stepSizesOf(ctx));
      const result = await commitUnit(ctx.store, unit, work.checkpoint, desk, account);
      if (result._tag === 'Left') {
        if (attempt < ctx.maxRetries) {
          await catchUp(ctx.store, book, unit, desk, ctx.folded);
          continue;
        }
        ctx.warn(`${result.left.message}: another writer kept changing it; nothing appended`);
        const error = (orderId: string) =>
          domainError(
            'CONCURRENCY_CONFLICT',
            orderId,
            `${result.left.message}: another writer changed this order's stream ${attempt + 1} times while it was decided; nothing was appended, try again`,
          );
        return {
          ...QUIET,
          result: {
            events: [],
            rejections: (work.commands ?? []).flatMap((command) =>
              command.type === 'Tick' || command.type === 'Timer'
                ? []
                : [{ command, error: error(command.orderId) }],
            ),
          },
        };
      }
      committed = true;
      if (account !== undefined) desk?.accept(account);
      foldedInto(ctx.folded, result.right.events);
      const createdAt = creationPositions(unit, result.right.events);
      for (const t of unit.touched.values()) {
        book.put(t.state, t.base === null ? createdAt.get(t.state.spec.orderId) : undefined);
        if (desk !== undefined) ctx.markets.set(t.state.spec.symbol, t.state.spec.market);
      }
      // The events first, then the views they lead to; views are built only for someone
      // watching (a replay or a bench has nobody).
      for (const e of result.right.events) ctx.events$.next(e);
      if (ctx.orders$.observed)
        for (const t of unit.touched.values()) ctx.orders$.next(orderView(t.state));
      const ignored =
        unit.ignoredReports.length === 0
          ? unit.ignoredReports
          : await withoutLateCopies(book, ctx.store, unit.ignoredReports);
      for (const r of ignored)
        ctx.warn(`ignored report ${r.report.clientOrderId} ${r.report.execType}: ${r.reason}`, {
          clientOrderId: r.report.clientOrderId,
          symbol: r.report.symbol,
          execType: r.report.execType,
          errorClass: 'IGNORED_REPORT',
        });
      return {
        result: { events: result.right.events, rejections: unit.rejections },
        effects: unit.effects,
        accountEffects: unit.accountEffects,
        pollHoldings:
          account !== undefined &&
          account.events.length > 0 &&
          desk?.state.flatten != null &&
          work.holdings === undefined,
        unexpectedFills: ignored.filter(
          (r) => r.report.execType === 'TRADE' && (r.report.lastQuantity ?? 0) > 0,
        ).length,
        heldExits: result.right.events.filter(
          (e) =>
            e.type === 'ExchangeOrderRejected' &&
            (e.data as { refusal?: string }).refusal === 'INSUFFICIENT_BALANCE',
        ).length,
      };
    } finally {
      // The index handed these orders out for this tick; whatever happened, they are watched again.
      for (const id of taken) if (!committed || !unit.touched.has(id)) book.reindex(id);
    }
  }
};
