import { closeSync, existsSync, fsyncSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import {
  createEngine,
  type AppendToStream,
  type Engine,
  type EventStore,
} from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { startBookProcess, type BookProcess } from './bookProcess';
import { readLogInProcess, restartInProcess } from './restartProcess';
import type { Window } from './figure';
import { orderMix } from './orderMix';
import { loadTicks, passOf, type TickFileSpec } from './recording';
import { nowMs, percentile } from './stats';
import {
  BOOK_WINDOW_SECONDS,
  collect,
  interleavedSlices,
  REPETITIONS,
  timeAtLeast,
  type SlicedSide,
} from './timing';

export type { TickFileSpec } from './recording';

export const withTempDir = async <T>(fn: (dir: string) => Promise<T>): Promise<T> => {
  const dir = mkdtempSync(join(tmpdir(), 'smart-orders-bench-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The symbol of order or tick `i` when a book is spread over `symbols` markets. */
export const symbolOf = (spec: TickFileSpec, symbols: number, i: number): string =>
  symbols === 1 ? spec.symbol : `S${i % symbols}/USDT`;

/** `count` orders of the mix, spread round-robin over `symbols` markets that all trade near `mid`. */
export const spreadMix = (
  count: number,
  spec: TickFileSpec,
  symbols = 1,
  active?: number,
): CreateSmartOrder[] =>
  orderMix(count, spec.symbol, spec.mid, active).map((o, i) =>
    symbols === 1 ? o : { ...o, symbol: symbolOf(spec, symbols, i) },
  );

/** An engine holding `count` open orders of the realistic mix, entries filled by `first` ticks. */
export const loadedEngine = async (
  store: EventStore,
  count: number,
  spec: TickFileSpec,
  first: Tick,
  active?: number,
  symbols = 1,
): Promise<Engine> => {
  const engine = createEngine({ store, exchange: getPaperExchange() });
  await engine.start();
  const orders = spreadMix(count, spec, symbols, active);
  for (let i = 0; i < orders.length; i += 10_000)
    await engine.process({ commands: orders.slice(i, i + 10_000) });
  for (let s = 0; s < symbols; s++)
    await engine.tick({ ...first, symbol: symbolOf(spec, symbols, s) });
  return engine;
};

/**
 * The orders of the mix that the recorded prices reach (an early take-profit, a stop, an armed
 * trailing stop), new for each window, so that every window sees the same triggering work
 * and not only the ticks that move nothing once the first pass has closed them.
 */
export const freshActive = (spec: TickFileSpec, symbols: number, tag: string, ts: number) =>
  spreadMix(40, spec, symbols).map((o) => ({ ...o, orderId: `${tag}-${o.orderId}`, ts }));

export interface BookSize {
  readonly orders: number;
  /** Markets the book and the ticks are spread over (the recording's ticks go round-robin). */
  readonly symbols?: number;
}

/**
 * Ticks per second through engines on SQLite and the paper exchange, one per book size, in
 * slices taken in turn: each repetition adds 40 fresh orders that the prices reach to every
 * book, untimed, then replays the recording through each (again and again for at least
 * `BOOK_WINDOW_SECONDS` in all, a slice at a time).
 */
export const ticksPerSecondByBook = async (
  books: readonly BookSize[],
  spec: TickFileSpec,
  repetitions = REPETITIONS,
): Promise<Window[][]> => {
  const recorded = await loadTicks(spec);
  const pass = passOf(recorded);
  return withTempDir(async (dir) => {
    const engines: { engine: Engine; store: EventStore; symbols: number; round: number }[] = [];
    try {
      for (const [b, book] of books.entries()) {
        const store = getSqliteEventStore(join(dir, `book-${b}.sqlite`));
        const symbols = book.symbols ?? 1;
        const engine = await loadedEngine(
          store,
          book.orders,
          spec,
          recorded[0] as Tick,
          40,
          symbols,
        );
        engines.push({ engine, store, symbols, round: 1 });
      }
      const sides = Object.fromEntries(
        engines.map((e, b): [string, SlicedSide] => [
          String(b),
          {
            prepare: async (repetition) => {
              const start = pass(e.round)(recorded[0] as Tick).ts;
              await e.engine.process({
                commands: freshActive(spec, e.symbols, `w${repetition}`, start),
              });
            },
            slice: (seconds) =>
              timeAtLeast(
                async () => {
                  const shift = pass(e.round++);
                  for (let i = 0; i < recorded.length; i++) {
                    const t = shift(recorded[i] as Tick);
                    await e.engine.tick(
                      e.symbols === 1 ? t : { ...t, symbol: symbolOf(spec, e.symbols, i) },
                    );
                  }
                  return recorded.length;
                },
                seconds,
                0,
              ),
          },
        ]),
      );
      // The first windows after the books were loaded ran at 0.6 of the others (the 100k
      // book's first two of five at 644k and 684k ticks/s, the rest 0.99–1.07M, in one run;
      // its first at 673k, the rest 0.92–1.17M, in the next): a warm-up repetition, not kept.
      const windows = await interleavedSlices(repetitions, sides, {
        windowSeconds: BOOK_WINDOW_SECONDS,
        warmUp: true,
      });
      return engines.map((_, b) => windows[String(b)] as Window[]);
    } finally {
      for (const e of engines) {
        await e.engine.stop();
        await e.store.close();
      }
    }
  });
};

/**
 * The bare baseline: read the tick file and dispatch every tick to a subscriber that finds its
 * symbol's handler; against it, the same reading with every tick through an engine holding
 * `count` open orders. Windows of at least `BOOK_WINDOW_SECONDS` each, in slices taken in turn,
 * after a warm-up repetition of both that is not kept: in windows of a second without it, one
 * repetition of five ran at 0.36× where the others ran at 0.62–0.74× (the engine's first after
 * loading, its 10k orders' heap still being collected).
 */
export const engineVersusBare = async (
  count: number,
  spec: TickFileSpec,
  repetitions = REPETITIONS,
): Promise<{ bare: Window[]; engine: Window[] }> =>
  withTempDir(async (dir) => {
    const first = (await loadTicks(spec))[0] as Tick;
    const store = getSqliteEventStore(join(dir, 'versus.sqlite'));
    const engine = await loadedEngine(store, count, spec, first);
    let round = 1;
    try {
      return await interleavedSlices(
        repetitions,
        {
          bare: {
            slice: (seconds) =>
              timeAtLeast(
                async () => {
                  const ticks = await loadTicks(spec);
                  const handlers = new Map<string, (t: Tick) => void>([
                    [spec.symbol, () => undefined],
                  ]);
                  const ticks$ = new Subject<Tick>();
                  let seen = 0;
                  ticks$.subscribe((t) => {
                    handlers.get(t.symbol)?.(t);
                    seen += 1;
                  });
                  for (const t of ticks) ticks$.next(t);
                  return seen;
                },
                seconds,
                0,
              ),
          },
          engine: {
            prepare: async (repetition) => {
              const start = passOf([first])(round)(first).ts;
              await engine.process({ commands: freshActive(spec, 1, `v${repetition}`, start) });
            },
            slice: (seconds) =>
              timeAtLeast(
                async () => {
                  const ticks = await loadTicks(spec);
                  const shift = passOf(ticks)(round++);
                  for (const t of ticks) await engine.tick(shift(t));
                  return ticks.length;
                },
                seconds,
                0,
              ),
          },
        },
        { windowSeconds: BOOK_WINDOW_SECONDS, warmUp: true },
      );
    } finally {
      await engine.stop();
      await store.close();
    }
  });

export interface LatencyRepetition {
  readonly engineP50: number;
  readonly engineP99: number;
  /** The bare commit of the intent's batch: every event the engine committed with it. */
  readonly bareP50: number;
  readonly bareP99: number;
  /** The bare commit of the intent event alone. */
  readonly singleP50: number;
  readonly singleP99: number;
  readonly samples: number;
}

/**
 * Tick-to-intent latency as a live engine has it: each tick crosses exactly one order's
 * take-profit, and the time runs from the tick entering the engine to its intent
 * (`TpTriggered`, with its client order id) committed to SQLite, after which the order is
 * sent. The paper venue answers after the commit, as every venue does: its fill comes back as
 * a report and is folded before the tick's promise resolves, untimed. Interleaved with
 * each sample, two baselines commit to the same store, so all meet the same WAL checkpoints
 * and garbage collections: the batch the engine committed with the intent, as it handed it to
 * the store (the intent and the account's `WorkingOrderAdded`, on streams of their own), and
 * the intent event alone. Each ladder is `samples` new orders, one ladder a repetition plus a
 * first one not kept, and every ladder's samples are dealt to all the repetitions in turn: each
 * repetition has `samples` samples, at least a second of them.
 */
export const tickToIntentLatency = async (
  idle: number,
  samples: number,
  repetitions = REPETITIONS,
): Promise<LatencyRepetition[]> =>
  withTempDir(async (dir) => {
    const store = getSqliteEventStore(join(dir, 'latency.sqlite'));
    const symbol = 'ETH/USDT';
    const spec = { file: '', symbol, mid: 2680 };
    // Idle means idle here: none of the book's orders moves on the ladder's ticks, so each tick
    // commits exactly one intent.
    const setup = await loadedEngine(
      store,
      idle,
      spec,
      { type: 'Tick', symbol, ts: 1, price: 2680 },
      0,
    );
    await setup.stop();

    // The batch that carries the intent, as the engine hands it to the store.
    let intentBatch: readonly AppendToStream[] = [];
    const recording: EventStore = {
      ...store,
      appendBatch: (appends, ...rest) => {
        if (appends.some((a) => a.events.some((e) => e.type === 'TpTriggered')))
          intentBatch = appends;
        return store.appendBatch(appends, ...rest);
      },
    };
    // The paper venue answers after the commit, as every venue does; it sees each tick the
    // engine acts on, and its answers are folded before the tick's promise resolves.
    const engine = createEngine({ store: recording, exchange: getPaperExchange() });
    await engine.start();
    // The intent is committed when the engine publishes it, right after the commit and before
    // the order goes out; the tick's promise resolves later, after the send and its answer.
    let committedAt = 0;
    engine.events$.subscribe((e) => {
      if (e.type === 'TpTriggered') committedAt = nowMs();
    });
    const settle = async (_tick: Tick): Promise<void> => {
      for (let k = 0; k < 3; k++) await new Promise((resolve) => setImmediate(resolve));
      await engine.process({});
    };
    const base = 2700;
    const priceAt = (i: number): number => Math.round((base + 0.01 * (i + 1)) * 100) / 100;
    let ts = 10;
    try {
      // Every repetition's samples, dealt from every ladder: sample i of ladder `round` belongs
      // to repetition (i + round) mod `repetitions`, so that a slow stretch of the machine falls
      // on all the repetitions alike. With a ladder per repetition, one stretch made one
      // repetition's p99 (1.13–1.76× over five, where the others lay at 1.3–1.4×).
      const kept = Array.from({ length: repetitions }, () => ({
        engine: [] as number[],
        bare: [] as number[],
        single: [] as number[],
      }));
      // A first ladder that is not kept, as for the other figures: it met the engine's code and
      // the store's pages cold.
      for (let round = 0; round <= repetitions; round++) {
        // Back below the ladder, then a new ladder whose market entries the next tick fills.
        await engine.tick({ type: 'Tick', symbol, ts: ts++, price: 2680 });
        await engine.process({
          commands: Array.from({ length: samples }, (_, i) => ({
            type: 'CreateSmartOrder' as const,
            orderId: `latency-${round}-${i}`,
            ts,
            exchange: 'paper',
            symbol,
            side: 'BUY' as const,
            quantity: 0.01,
            entry: { type: 'MARKET' as const },
            takeProfits: [{ price: priceAt(i), sizePct: 100 }],
          })),
        });
        const foot: Tick = { type: 'Tick', symbol, ts: ts++, price: 2680 };
        await engine.tick(foot);
        await settle(foot);
        for (let i = 0; i < samples; i++) {
          const t0 = nowMs();
          const tick: Tick = { type: 'Tick', symbol, ts: ts++, price: priceAt(i) };
          const { events } = await engine.tick(tick);
          const engineMs = committedAt - t0;
          const intent = events.find((e) => e.type === 'TpTriggered');
          if (intent === undefined) throw new Error(`latency tick ${i} triggered nothing`);
          await settle(tick);
          const batch = intentBatch.map((a) => ({
            stream: `${a.stream}-bare-${round}-${i}`,
            expectedVersion: 'no_stream' as const,
            events: a.events,
          }));
          const t1 = nowMs();
          const appended = await store.appendBatch(batch);
          const bareMs = nowMs() - t1;
          if (appended._tag === 'Left') throw new Error(appended.left.message);
          const t2 = nowMs();
          const single = await store.appendBatch([
            {
              stream: `smart-order-bare-${round}-${i}`,
              expectedVersion: 'no_stream',
              events: [{ type: intent.type, ts: intent.ts, data: intent.data }],
            },
          ]);
          const singleMs = nowMs() - t2;
          if (single._tag === 'Left') throw new Error(single.left.message);
          if (round === 0) continue;
          const to = kept[(i + round) % repetitions] as (typeof kept)[number];
          to.engine.push(engineMs);
          to.bare.push(bareMs);
          to.single.push(singleMs);
        }
      }
      const out: LatencyRepetition[] = kept.map((k) => ({
        engineP50: percentile(k.engine, 50),
        engineP99: percentile(k.engine, 99),
        bareP50: percentile(k.bare, 50),
        bareP99: percentile(k.bare, 99),
        singleP50: percentile(k.single, 50),
        singleP99: percentile(k.single, 99),
        samples: k.engine.length,
      }));
      return out;
    } finally {
      await engine.stop();
      await store.close();
    }
  });

export interface RestartRepetition {
  readonly window: Window;
  readonly openOrders: number;
  readonly heapBytesPerOrder: number;
  /** The same log read alone (`readLogInProcess`), as many times, in turns with the restarts. */
  readonly read: Window;
  /**
   * Restarts that fold the whole log, the snapshot of the book not read (as after a crash with
   * none written), as many times, in turns with the others.
   */
  readonly whole: Window;
}

/**
 * Restarts of an engine from the SQLite file at `path`, which must hold `expected` open orders,
 * each in a process of its own (`restartProcess.ts`): the time from opening the store to
 * `start()` resolved, and the heap the restarted engine holds per open order (after two forced
 * collections, against the heap before it). A repetition is the mean of `restartsEach` restarts
 * one after the other: one restart caught by a slow moment of the machine made the spread of
 * five single restarts (docs/performance.md). Beside each restart, in turns with it (the one
 * that goes first changing every time), a read of the same log alone: the two moved together
 * from run to run with the machine, and the restart's mark is absolute. And a restart that folds
 * the whole log, its snapshot not read: a restart reads the snapshot the last clean stop wrote
 * (each restart here stops cleanly, as the writer did), one after a crash may have none.
 */
const restartsOf = async (
  path: string,
  expected: number,
  repetitions: number,
  restartsEach = 1,
): Promise<RestartRepetition[]> => {
  // The book on disk before the first restart: the kernel writes dirty pages back some 30 s
  // after they were written, while the first restarts ran. Unsynced, the first repetition was
  // the slowest of five in two runs (3.46 s against 2.56–3.08 s; 3.11 s against 2.36–2.53 s as
  // the mean of three); synced, the five lay within 3.01–3.23 s, then 3.26–3.36 s.
  for (const file of [path, `${path}-wal`])
    if (existsSync(file)) {
      const fd = openSync(file, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  // The writer's garbage is this process's to collect, not beside the first restart: with it
  // left, the first of five took 2.2 s where the others took 1.7–2.0 s.
  collect();
  collect();
  const out: RestartRepetition[] = [];
  for (let r = 0; r < repetitions; r++) {
    let wallSeconds = 0;
    let cpuSeconds = 0;
    let heapBytesPerOrder = 0;
    const read = { work: 0, wallSeconds: 0, cpuSeconds: 0 };
    const whole = { work: expected, wallSeconds: 0, cpuSeconds: 0 };
    const readOnce = async (): Promise<void> => {
      const r = await readLogInProcess({ kind: 'sqlite', path });
      read.work = r.events;
      read.wallSeconds += r.wallSeconds / restartsEach;
      read.cpuSeconds += r.cpuSeconds / restartsEach;
    };
    const restartOnce = async (): Promise<void> => {
      const restart = await restartInProcess({
        store: { kind: 'sqlite', path },
        expectedOpenOrders: expected,
      });
      wallSeconds += restart.wallSeconds / restartsEach;
      cpuSeconds += restart.cpuSeconds / restartsEach;
      heapBytesPerOrder += restart.heapBytesPerOrder / restartsEach;
    };
    const wholeOnce = async (): Promise<void> => {
      const restart = await restartInProcess({
        store: { kind: 'sqlite', path },
        expectedOpenOrders: expected,
        snapshots: false,
      });
      whole.wallSeconds += restart.wallSeconds / restartsEach;
      whole.cpuSeconds += restart.cpuSeconds / restartsEach;
    };
    // The three take turns: each goes first, second and third as often.
    const turns = [readOnce, restartOnce, wholeOnce];
    for (let k = 0; k < restartsEach; k++)
      for (let i = 0; i < turns.length; i++)
        await (turns[(r + k + i) % turns.length] as () => Promise<void>)();
    out.push({
      window: { work: expected, wallSeconds, cpuSeconds },
      openOrders: expected,
      heapBytesPerOrder,
      read,
      whole,
    });
  }
  return out;
};

/** Writes a book of the mix to a new SQLite file through an engine; returns its open orders. */
const writeBook = async (
  path: string,
  count: number,
  spec: TickFileSpec,
  first: Tick,
  symbols: number,
): Promise<number> => {
  const store = getSqliteEventStore(path);
  const engine = await loadedEngine(store, count, spec, first, 40, symbols);
  const open = engine.openOrderCount;
  await engine.stop();
  await store.close();
  return open;
};

/**
 * Restarts of an engine on a SQLite store holding `count` open orders of the mix (spread over
 * `symbols` markets), each from the same file: opening the store, `createEngine` and `start()`
 * until monitoring resumes; and the heap the restarted engine holds per open order.
 */
export const restartFigures = async (
  count: number,
  spec: TickFileSpec,
  options: {
    readonly symbols?: number;
    readonly repetitions?: number;
    /** Restarts whose mean is one repetition. */
    readonly restartsEach?: number;
  } = {},
): Promise<RestartRepetition[]> => {
  const first = (await loadTicks(spec))[0] as Tick;
  const symbols = options.symbols ?? 1;
  return withTempDir(async (dir) => {
    const path = join(dir, 'restart.sqlite');
    const before = await writeBook(path, count, spec, first, symbols);
    return restartsOf(path, before, options.repetitions ?? REPETITIONS, options.restartsEach);
  });
};

export interface MillionFigures {
  /** Ticks/s windows of the small book and of the large one, in slices taken in turn. */
  readonly small: Window[];
  readonly large: Window[];
  readonly restarts: RestartRepetition[];
}

interface MillionOptions {
  readonly small: number;
  readonly large: number;
  readonly symbols: number;
  readonly repetitions?: number;
}

/**
 * The million-order case's windows. In windows of 4 s, each book in a process of its own, the
 * 1k book's ran at 247k–397k ticks/s in one run (±24 % around its median); in windows of 8 s, a
 * book of 1k and one of 200k moved by ±13 % each.
 */
const MILLION_WINDOW_SECONDS = 8;

/**
 * The slices the books take in turn. Longer than the others' quarter of a second: a pass of the
 * recording through the million takes about 0.1 s, and the million's collector, which works on
 * threads of its own between the slices too, has its share of a slice kept small.
 */
const MILLION_SLICE_SECONDS = 0.5;

/**
 * Ticks/s of both books side by side, each book in a process of its own (`bookProcess.ts`):
 * in one process the 1k book's windows met the collector of the million's heap (one of them at
 * 8,136 ticks/s where the others ran at 82k–109k, after a warm-up). The processes load one
 * after the other, and a warm-up repetition of both sides is not kept. Taken in windows of 8 s
 * one after the other, the million's windows that came right after its own ran at 140k–146k
 * ticks/s and the ones after the 1k book's at 95k–97k; in slices, every slice of either book
 * follows one of the other's.
 */
const millionTicks = async (
  dir: string,
  path: string,
  spec: TickFileSpec,
  options: MillionOptions,
): Promise<{ small: Window[]; large: Window[]; expected: number }> => {
  const { symbols } = options;
  const books: BookProcess[] = [];
  try {
    const files = [
      { path: join(dir, 'small.sqlite'), orders: options.small },
      { path, orders: options.large },
    ];
    for (const file of files) books.push(await startBookProcess({ ...file, symbols, spec }));
    const [small, large] = books as [BookProcess, BookProcess];
    const windows = await interleavedSlices(
      options.repetitions ?? REPETITIONS,
      { small, large },
      { windowSeconds: MILLION_WINDOW_SECONDS, sliceSeconds: MILLION_SLICE_SECONDS, warmUp: true },
    );
    await small.stop();
    // The windows' fresh orders that are still open are part of the book a restart rebuilds.
    const expected = await large.stop();
    books.length = 0;
    return { ...windows, expected };
  } finally {
    // A book left by a failure would outlive the group: a forked child does not end with it.
    for (const b of books) b.kill();
  }
};

/**
 * The million-order case: `large` open orders spread over `symbols` markets against `small`
 * ones over the same markets, ticks/s side by side (the recording's ticks dealt round-robin to
 * the markets); then restarts of the large book from its SQLite file and the heap it holds.
 */
export const millionFigures = async (
  spec: TickFileSpec,
  options: MillionOptions,
): Promise<MillionFigures> =>
  withTempDir(async (dir) => {
    const path = join(dir, 'million.sqlite');
    const { small, large, expected } = await millionTicks(dir, path, spec, options);
    const restarts = await restartsOf(path, expected, options.repetitions ?? REPETITIONS);
    return { small, large, restarts };
  });
