import { left, right, type Either } from 'fp-ts/Either';
import { Subject, type Observable, type Subscription } from 'rxjs';
import {
  decodeCommand,
  evolve,
  orderView,
  type Command,
  type DomainError,
  type OrderEvent,
  type OrderState,
  type OrderView,
  type State,
  type Tick,
} from '@smart-orders/core';
import { createBatch, type Batch, type Rejection } from './batch';
import { createEffectDispatcher } from './dispatchEffects';
import { createOpenOrderBook } from './openOrderBook';
import type { Checkpoint, EventStore, StoredEvent } from './ports/eventStore';
import { orderStream } from './ports/eventStore';
import type { Exchange, ExchangeReport } from './ports/exchange';
import { rebuildOpenOrders } from './rebuild';
import { recoverWorkingOrders } from './recoverWorkingOrders';
import { withMarketPrices } from './withMarketPrices';
import { createWorkQueue } from './workQueue';

export interface EngineOptions {
  readonly store: EventStore;
  readonly exchange: Exchange;
  /** Retries of a unit of work after a version conflict with another writer. */
  readonly maxConflictRetries?: number;
  /** Problems that are not the caller's: effects that failed, reports for unknown orders. */
  readonly onWarning?: (message: string) => void;
}

/** One unit of work: commands applied first, then the tick; committed in one transaction. */
export interface Work {
  readonly commands?: readonly Command[];
  readonly tick?: Tick;
  readonly reports?: readonly ExchangeReport[];
  /** Saved in the same transaction as the events (a replay's last tick). */
  readonly checkpoint?: Checkpoint;
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
  /** Stops taking reports and waits for the work in flight. The store and exchange stay open. */
  stop(): Promise<void>;
  process(work: Work): Promise<WorkResult>;
  /** Decodes a command from any input (an HTTP body, a plan) and applies it. */
  submit(input: unknown): Promise<Either<DomainError, readonly StoredEvent[]>>;
  tick(tick: Tick): Promise<WorkResult>;
  /** Records a price without deciding anything (a resumed replay's last committed tick). */
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

export const createEngine = (options: EngineOptions): Engine => {
  const { store, exchange } = options;
  const warn = options.onWarning ?? (() => undefined);
  const maxRetries = options.maxConflictRetries ?? 5;
  const book = createOpenOrderBook();
  const queue = createWorkQueue();
  const lastPrices = new Map<string, number>();
  const events$ = new Subject<StoredEvent>();
  const orders$ = new Subject<OrderView>();
  let reportsSubscription: Subscription | undefined;
  const dispatcher = createEffectDispatcher(exchange, (reports) => void enqueue({ reports }), warn);

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
    return { matched: exchange.simulation?.match(tick) ?? [], taken: book.index.take(tick) };
  };

  const fill = async (
    batch: Batch,
    work: Work,
    taken: string[],
    started?: TickStart,
  ): Promise<void> => {
    for (const raw of work.commands ?? []) {
      const orderId = raw.type === 'Tick' ? undefined : raw.orderId;
      if (orderId === undefined) continue;
      if (book.get(orderId) === undefined && batch.stateOf(orderId) === null)
        batch.preload(orderId, await loadTerminal(orderId));
      const symbol = symbolOfCommand(raw, batch.stateOf(orderId));
      batch.decideFor(
        orderId,
        withMarketPrices(raw, symbol === undefined ? undefined : lastPrices.get(symbol)),
      );
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

  const commit = async (batch: Batch, checkpoint: Checkpoint | undefined) => {
    const appends = [...batch.touched].map(([orderId, t]) => ({
      stream: orderStream(orderId),
      expectedVersion: t.base === null ? ('no_stream' as const) : t.base.version,
      events: t.events.map((e) => ({ type: e.type, ts: e.ts, data: e.data })),
    }));
    if (appends.length === 0) return right({ events: [] as readonly StoredEvent[] });
    return store.appendBatch(appends, checkpoint === undefined ? [] : [checkpoint]);
  };

  /** Catches every order of a refused batch up with what the other writer appended. */
  const reloadTouched = async (batch: Batch): Promise<void> => {
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

  const runWork = async (work: Work): Promise<WorkResult> => {
    // Most ticks move nothing: they cost a look at the book and the index, and no batch.
    let started: TickStart | undefined;
    if (
      work.tick !== undefined &&
      (work.commands ?? []).length === 0 &&
      (work.reports ?? []).length === 0
    ) {
      started = startTick(work.tick);
      if (started.matched.length === 0 && started.taken.length === 0) return NOTHING;
    }
    for (let attempt = 0; ; attempt++) {
      const batch = createBatch(book, exchange.simulation);
      const taken: string[] = [];
      let committed = false;
      try {
        await fill(batch, work, taken, attempt === 0 ? started : undefined);
        const result = await commit(batch, work.checkpoint);
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
        // Views are built only for someone watching: a replay or a bench has nobody.
        const watched = orders$.observed;
        for (const t of batch.touched.values()) {
          book.put(t.state);
          if (watched) orders$.next(orderView(t.state));
        }
        for (const e of result.right.events) events$.next(e);
        for (const r of batch.ignoredReports)
          warn(`ignored report ${r.report.clientOrderId} ${r.report.execType}: ${r.reason}`);
        if (exchange.simulation === undefined && batch.effects.length > 0) {
          dispatcher.dispatch(batch.effects);
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

  return {
    async start() {
      await rebuildOpenOrders(store, book);
      reportsSubscription = exchange.reports$.subscribe((r) => void enqueue({ reports: [r] }));
      await recoverWorkingOrders(
        exchange,
        [...book.all()],
        (reports) => enqueue({ reports }),
        warn,
      );
    },
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
    observePrice(tick) {
      const price = priceOf(tick);
      if (price !== undefined) lastPrices.set(tick.symbol, price);
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
