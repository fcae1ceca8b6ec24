import { left, right, type Either } from 'fp-ts/Either';
import { Subject, type Observable, type Subscription } from 'rxjs';
import {
  admitTick,
  decodeCommand,
  evolve,
  orderView,
  type AccountCommand,
  type AccountError,
  type AccountState,
  type Command,
  type DomainError,
  type OrderEvent,
  type OrderState,
  type OrderView,
  type State,
  type Tick,
  type TickLedger,
} from '@smart-orders/core';
import { createAccountDesk, type EngineAccount } from './account/accountDesk';
import type { AccountWork } from './account/accountWork';
import { orderCheckOf } from './account/orderCheck';
import { createAccountRuntime } from './account/accountRuntime';
import { createBatch, type Batch, type Rejection } from './batch';
import { createEffectDispatcher } from './dispatchEffects';
import type { Effect } from './effects';
import { createOpenOrderBook } from './openOrderBook';
import type { AppendToStream, Checkpoint, EventStore, StoredEvent } from './ports/eventStore';
import { orderStream } from './ports/eventStore';
import type { Exchange, ExchangeReport, Holdings } from './ports/exchange';
import { rebuildOpenOrders } from './rebuild';
import { recoverWorkingOrders } from './recoverWorkingOrders';
import { withMarketPrices } from './withMarketPrices';
import { withNativeStopSupport } from './withNativeStopSupport';
import { createWorkQueue } from './workQueue';

export interface EngineOptions {
  readonly store: EventStore;
  readonly exchange: Exchange;
  /** Retries of a unit of work after a version conflict with another writer. */
  readonly maxConflictRetries?: number;
  /** Problems that are not the caller's: effects that failed, reports for unknown orders. */
  readonly onWarning?: (message: string) => void;
  /**
   * The account whose emergency protocols the engine runs (SEMANTICS §7): its gate refuses
   * orders, its kill switch cancels and flattens, and on a live exchange its reconciliation
   * gate holds every send at start and its heartbeats feed the watchdog. Absent: none of it,
   * and not one event more.
   */
  readonly account?: EngineAccount;
}

/** One unit of work: commands applied first, then the tick; committed in one transaction. */
export interface Work {
  readonly commands?: readonly Command[];
  readonly tick?: Tick;
  readonly reports?: readonly ExchangeReport[];
  /** Told to the account decider after the commands (a trip, a reset, a heartbeat). */
  readonly accountCommands?: readonly AccountCommand[];
  /** What the exchange holds: a flatten under way decides its next step on it. */
  readonly holdings?: Holdings;
  /** Saved in the same transaction as the events (a replay's last tick). */
  readonly checkpoint?: Checkpoint;
  /** Reads what another writer appended to the account stream, and acts on it (a trip's cancels). */
  readonly followAccount?: boolean;
}

export interface WorkResult {
  readonly events: readonly StoredEvent[];
  readonly rejections: readonly Rejection[];
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

const NOTHING: WorkResult = { events: [], rejections: [] };

const priceOf = (tick: Tick): number | undefined =>
  tick.price ??
  (tick.bid !== undefined && tick.ask !== undefined
    ? (tick.bid + tick.ask) / 2
    : (tick.bid ?? tick.ask));

const symbolOfCommand = (command: Command, state: State): string | undefined =>
  command.type === 'CreateSmartOrder' ? command.symbol : state?.spec.symbol;

const isOpen = (s: State): s is OrderState =>
  s !== null && s.status !== 'CLOSED' && s.status !== 'STOPPED' && s.status !== 'CANCELLED';

const DEFAULT_TICK_SIZE = 0.01;

/**
 * A refusal of the account's gate, in the shape every caller of a rejection reads today: its
 * own code (TRADING_HALTED, RECONCILIATION_PENDING, …), the order it refused, and the
 * account's fields (`accountId`, `tradingState`, `allowed`) beside them.
 */
const asDomainError = (error: AccountError, command: Command): DomainError =>
  ({
    ...error,
    orderId: command.type === 'Tick' ? null : command.orderId,
  }) as unknown as DomainError;

const timeOf = (work: Work): number =>
  Math.max(
    work.tick?.ts ?? 0,
    ...(work.commands ?? []).map((c) => c.ts),
    ...(work.accountCommands ?? []).map((c) => c.ts),
    ...(work.reports ?? []).map((r) => r.ts),
  );

export const createEngine = (options: EngineOptions): Engine => {
  const { store, exchange } = options;
  const warn = options.onWarning ?? (() => undefined);
  const maxRetries = options.maxConflictRetries ?? 5;
  const book = createOpenOrderBook();
  const queue = createWorkQueue();
  const lastPrices = new Map<string, number>();
  const lastTicks = new Map<string, Tick>();
  // The duplicate-tick rule (SEMANTICS §6), per symbol: a tick delivered again changes nothing.
  const tickLedgers = new Map<string, TickLedger>();
  const withoutDuplicateTick = (work: Work): Work => {
    if (work.tick === undefined) return work;
    const ledger = admitTick(tickLedgers.get(work.tick.symbol), work.tick);
    if (ledger !== null) {
      tickLedgers.set(work.tick.symbol, ledger);
      return work;
    }
    const { tick: _duplicate, ...rest } = work;
    return rest;
  };
  const events$ = new Subject<StoredEvent>();
  const orders$ = new Subject<OrderView>();
  let reportsSubscription: Subscription | undefined;
  const dispatcher = createEffectDispatcher(exchange, (reports) => void enqueue({ reports }), warn);
  const desk = options.account === undefined ? undefined : createAccountDesk(options.account);
  // The grid of each symbol the smart orders traded: a flatten's limit prices and its
  // remainders smaller than one step (dust) follow it.
  const markets = new Map<string, OrderState['spec']['market']>();
  const stepSizes = (): Record<string, number> =>
    Object.fromEntries([...markets].map(([symbol, m]) => [symbol, m.stepSize]));
  // The latest time the engine has seen: the account's own steps (a trip's cancels) carry it.
  let now = 0;

  /** The engine's last prices of the account's other symbols, for its marks. */
  const marksBeside = (symbol: string): Record<string, number> => {
    const marks: Record<string, number> = {};
    for (const held of Object.keys(desk?.state.positions ?? {})) {
      const price = lastPrices.get(held);
      if (held !== symbol && price !== undefined) marks[held] = price;
    }
    return marks;
  };

  const loadTerminal = async (orderId: string): Promise<State> => {
    const stored = await store.readStream(orderStream(orderId));
    return stored.reduce<State>(
      (s, e) => evolve(s, { type: e.type, ts: e.ts, data: e.data } as OrderEvent),
      null,
    );
  };

  /** What a tick did to the simulated book and the index before its batch was made. */
  interface TickStart {
    readonly matched: readonly ExchangeReport[];
    readonly taken: readonly string[];
  }

  const startTick = (tick: Tick): TickStart => {
    const price = priceOf(tick);
    if (price !== undefined) lastPrices.set(tick.symbol, price);
    lastTicks.set(tick.symbol, tick);
    return { matched: exchange.simulation?.match(tick) ?? [], taken: book.index.take(tick) };
  };

  const fill = async (
    batch: Batch,
    work: Work,
    taken: string[],
    started: TickStart | undefined,
    account: AccountWork | undefined,
  ): Promise<void> => {
    // The account marks to this tick first: its session and its limits are those of this
    // moment when the commands that come with the tick reach the gate.
    const price = work.tick === undefined ? undefined : priceOf(work.tick);
    if (account !== undefined && work.tick !== undefined && price !== undefined) {
      account.decide({
        type: 'AccountTick',
        ts: work.tick.ts,
        symbol: work.tick.symbol,
        price,
        marks: marksBeside(work.tick.symbol),
      });
    }
    for (const raw of work.commands ?? []) {
      const orderId = raw.type === 'Tick' ? undefined : raw.orderId;
      if (orderId === undefined) continue;
      if (book.get(orderId) === undefined && batch.stateOf(orderId) === null)
        batch.preload(orderId, await loadTerminal(orderId));
      if (account !== undefined) {
        const check = orderCheckOf(raw, batch.stateOf(orderId));
        const gate = check === null ? null : account.decide(check);
        if (gate !== null && gate._tag === 'Left') {
          batch.rejections.push({ command: raw, error: asDomainError(gate.left, raw) });
          continue;
        }
      }
      const symbol = symbolOfCommand(raw, batch.stateOf(orderId));
      batch.decideFor(
        orderId,
        await withNativeStopSupport(
          exchange,
          withMarketPrices(raw, symbol === undefined ? undefined : lastTicks.get(symbol)),
        ),
      );
    }
    for (const c of work.accountCommands ?? []) {
      const decided = account?.decide(c);
      if (decided?._tag === 'Left') warn(`account: ${c.type} refused: ${decided.left.message}`);
    }
    for (const r of work.reports ?? []) batch.report(r);
    const tick = work.tick;
    if (tick === undefined) return;
    const { matched, taken: fromIndex } = started ?? startTick(tick);
    taken.push(...fromIndex);
    for (const r of matched) batch.report(r);
    const candidates = [...new Set([...taken, ...batch.touchedOn(tick.symbol)])].sort(
      (a, b) => (book.seq(a) ?? Infinity) - (book.seq(b) ?? Infinity),
    );
    for (const id of candidates) {
      const s = batch.stateOf(id);
      if (
        s !== null &&
        s.status !== 'CLOSED' &&
        s.status !== 'STOPPED' &&
        s.status !== 'CANCELLED'
      ) {
        batch.decideFor(id, tick);
      }
    }
  };

  /**
   * The kill switch's consequences inside the batch that tripped it (or the first batch that
   * finds it tripped): every open smart order is cancelled (its working orders with it; the
   * position stays for the flatten), and a simulated exchange is polled until the flatten has
   * nothing more to decide now.
   */
  const settle = (batch: Batch, account: AccountWork, work: Work): void => {
    for (let round = 0; round < 16; round++) {
      const before = account.events.length;
      // Tripped elsewhere too (the watchdog, an engine that died mid-trip): while the switch
      // is tripped no smart order stays open, whoever tripped it.
      if (account.takeTrip() || account.state.killSwitch !== null) {
        const open = new Map<string, OrderState>();
        for (const s of book.all()) open.set(s.spec.orderId, s);
        for (const t of batch.touched.values()) open.set(t.state.spec.orderId, t.state);
        for (const id of open.keys()) {
          const current = batch.stateOf(id);
          if (isOpen(current))
            batch.decideFor(id, { type: 'Cancel', orderId: id, ts: now, flatten: false }, true);
        }
      }
      const holdings = work.holdings ?? exchange.simulation?.holdings?.();
      if (holdings !== undefined) account.poll(now, holdings, stepSizes());
      if (account.events.length === before) return;
    }
  };

  /** Order requests committed while the reconciliation gate is closed: sent once it opens. */
  const held: Effect[] = [];
  const dispatchThroughGate = (effects: readonly Effect[]): void => {
    if (desk === undefined) {
      if (effects.length > 0) dispatcher.dispatch(effects);
      return;
    }
    held.push(...effects);
    if (held.length === 0 || desk.state.gate === 'RECONCILING') return;
    const due = held.splice(0);
    // A halted account still cancels and still exits; an entry waits for a restart's recovery.
    const passing =
      desk.state.tradingState === 'HALTED'
        ? due.filter((e) => e.kind !== 'place' || e.request.reduceOnly)
        : due;
    for (const e of due)
      if (!passing.includes(e) && e.kind === 'place')
        warn(`${e.request.clientOrderId}: not sent, account ${desk.options.id} is HALTED`);
    if (passing.length > 0) dispatcher.dispatch(passing);
  };

  const commit = async (
    batch: Batch,
    checkpoint: Checkpoint | undefined,
    account: AccountWork | undefined,
  ) => {
    const appends: AppendToStream[] = [...batch.touched].map(([orderId, t]) => ({
      stream: orderStream(orderId),
      expectedVersion: t.base === null ? ('no_stream' as const) : t.base.version,
      events: t.events.map((e) => ({ type: e.type, ts: e.ts, data: e.data })),
    }));
    const accountAppend = account === undefined ? null : (desk?.appendOf(account) ?? null);
    if (accountAppend !== null) appends.push(accountAppend);
    if (appends.length === 0) return right({ events: [] as readonly StoredEvent[] });
    return store.appendBatch(appends, checkpoint === undefined ? [] : [checkpoint]);
  };

  /** Catches every order of a refused batch up with what the other writer appended. */
  const reloadTouched = async (batch: Batch): Promise<void> => {
    await desk?.load(store);
    for (const orderId of batch.touched.keys()) {
      const current = book.get(orderId);
      if (current === undefined) continue;
      const fresh = await store.readStream(orderStream(orderId), current.version + 1);
      const next = fresh.reduce<State>(
        (s, e) => evolve(s, { type: e.type, ts: e.ts, data: e.data } as OrderEvent),
        current,
      );
      if (next !== null) book.put(next);
    }
  };

  const runWork = async (delivered: Work): Promise<WorkResult> => {
    const work = withoutDuplicateTick(delivered);
    if (work.followAccount === true) {
      if (desk === undefined || !(await desk.behind(store))) return NOTHING;
      await desk.load(store);
    }
    // Most ticks move nothing: they cost a look at the book and the index, and no batch.
    let started: TickStart | undefined;
    if (
      work.tick !== undefined &&
      (work.commands ?? []).length === 0 &&
      (work.reports ?? []).length === 0 &&
      (work.accountCommands ?? []).length === 0 &&
      work.holdings === undefined
    ) {
      started = startTick(work.tick);
      const tick = work.tick;
      const price = priceOf(tick);
      if (
        started.matched.length === 0 &&
        started.taken.length === 0 &&
        (desk === undefined ||
          price === undefined ||
          desk.quietTick(tick.ts, tick.symbol, price, () => marksBeside(tick.symbol)))
      )
        return NOTHING;
    }
    if (desk !== undefined) now = Math.max(now, timeOf(work));
    for (let attempt = 0; ; attempt++) {
      // A live account's own requests (exits, orphans' cancels) are never held by its gate.
      const accountEffects: Effect[] = [];
      const account =
        desk === undefined
          ? undefined
          : desk.begin({
              tickSize:
                desk.options.tickSize ??
                ((symbol) => markets.get(symbol)?.tickSize ?? DEFAULT_TICK_SIZE),
              lastPrice: (symbol) => lastPrices.get(symbol),
              send: (effect) =>
                exchange.simulation === undefined
                  ? accountEffects.push(effect)
                  : batch.send(effect),
              warn,
            });
      const batch = createBatch(book, exchange.simulation, account?.observer);
      const taken: string[] = [];
      let committed = false;
      try {
        await fill(batch, work, taken, attempt === 0 ? started : undefined, account);
        if (account !== undefined) settle(batch, account, work);
        const result = await commit(batch, work.checkpoint, account);
        if (result._tag === 'Left') {
          if (exchange.simulation !== undefined || attempt >= maxRetries) {
            throw new Error(
              `${result.left.message}: another writer changed this order's stream${exchange.simulation === undefined ? '' : '; a simulated exchange cannot share its store with another engine'}`,
            );
          }
          await reloadTouched(batch);
          continue;
        }
        committed = true;
        if (account !== undefined) desk?.accept(account);
        for (const t of batch.touched.values()) {
          book.put(t.state);
          if (desk !== undefined) markets.set(t.state.spec.symbol, t.state.spec.market);
        }
        // The events first, then the views they lead to; views are built only for someone
        // watching (a replay or a bench has nobody).
        for (const e of result.right.events) events$.next(e);
        if (orders$.observed)
          for (const t of batch.touched.values()) orders$.next(orderView(t.state));
        for (const r of batch.ignoredReports)
          warn(`ignored report ${r.report.clientOrderId} ${r.report.execType}: ${r.reason}`);
        if (exchange.simulation === undefined) {
          if (accountEffects.length > 0) dispatcher.dispatch(accountEffects);
          dispatchThroughGate(batch.effects);
        }
        return { events: result.right.events, rejections: batch.rejections };
      } finally {
        // The index handed these orders out for this tick; whatever happened, they are watched again.
        for (const id of taken) if (!committed || !batch.touched.has(id)) book.reindex(id);
      }
    }
  };

  const enqueue = (work: Work): Promise<WorkResult> => queue.run(() => runWork(work));

  const state = (orderId: string): OrderState | undefined => book.get(orderId);

  const runtime =
    desk === undefined
      ? undefined
      : createAccountRuntime({
          desk,
          exchange,
          openOrders: () => book.all(),
          enqueue,
          idle: () => dispatcher.idle(),
          stepSizes,
          warn,
        });

  return {
    async start() {
      await rebuildOpenOrders(store, book);
      if (desk !== undefined) for (const s of book.all()) markets.set(s.spec.symbol, s.spec.market);
      await desk?.load(store);
      reportsSubscription = exchange.reports$.subscribe((r) => void enqueue({ reports: [r] }));
      if (desk !== undefined && runtime !== undefined && exchange.simulation === undefined) {
        await runtime.startLive();
        runtime.follow();
        // Intents whose outcome was never recorded are resent only through an open gate.
        if (desk.state.gate === 'OPEN' && desk.state.tradingState !== 'HALTED')
          await recoverWorkingOrders(
            exchange,
            [...book.all()],
            (reports) => enqueue({ reports }),
            warn,
          );
        return;
      }
      if (runtime !== undefined && exchange.simulation !== undefined) {
        await runtime.restoreSimulated(exchange.simulation);
        runtime.follow();
      }
      await recoverWorkingOrders(
        exchange,
        [...book.all()],
        (reports) => enqueue({ reports }),
        warn,
      );
    },
    reconcileAccount: () => runtime?.reconcile('RECONNECT') ?? Promise.resolve(),
    reconcile: () =>
      exchange.simulation === undefined
        ? recoverWorkingOrders(
            exchange,
            [...book.all()],
            (reports) => enqueue({ reports }),
            warn,
            false,
          )
        : Promise.resolve(),
    async stop() {
      runtime?.stop();
      await dispatcher.idle();
      await queue.drain();
      reportsSubscription?.unsubscribe();
    },
    process: enqueue,
    async submit(input) {
      const decoded = decodeCommand(input);
      if (decoded._tag === 'Left') return decoded;
      const result = await enqueue({ commands: [decoded.right] });
      const rejection = result.rejections[0];
      return rejection === undefined ? right(result.events) : left(rejection.error);
    },
    tick: (tick) => enqueue({ tick }),
    account: () => desk?.state,
    observePrice(tick) {
      const ledger = admitTick(tickLedgers.get(tick.symbol), tick);
      if (ledger !== null) tickLedgers.set(tick.symbol, ledger);
      const price = priceOf(tick);
      if (price !== undefined) lastPrices.set(tick.symbol, price);
      lastTicks.set(tick.symbol, tick);
    },
    lastPrice: (symbol) => lastPrices.get(symbol),
    view: (orderId) => {
      const s = state(orderId);
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
