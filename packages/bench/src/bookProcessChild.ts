import type { Tick } from '@smart-orders/core';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import type { BookMessage, BookRequest, BookSpec } from './bookProcess';
import { freshActive, loadedEngine, symbolOf } from './engineFigures';
import { loadTicks, passOf } from './recording';
import { collect, timeAtLeast } from './timing';

/**
 * The child of `bookProcess.ts`: loads the book, then prepares each repetition and times each
 * slice it is asked for, and stops when told. Argument: the `BookSpec` as JSON.
 */
const book = JSON.parse(process.argv[2] ?? '') as BookSpec;
const say = (m: BookMessage): void => {
  process.send?.(m);
};

/**
 * Two full collections before each repetition: the million's collector works on threads of its
 * own (its CPU time 1.4 times its wall time in its windows), and what it left undone would run
 * beside the other book's slices. The second collection finishes what the first left to sweep.
 * Between slices there is none: a full collection of the million's heap takes longer than a
 * slice.
 */
const settle = (): void => {
  collect();
  collect();
};

const main = async (): Promise<void> => {
  const { spec, symbols } = book;
  const recorded = await loadTicks(spec);
  const first = recorded[0] as Tick;
  const pass = passOf(recorded);
  const store = getSqliteEventStore(book.path);
  const engine = await loadedEngine(store, book.orders, spec, first, 40, symbols);
  let round = 1;
  const prepare = async (repetition: number): Promise<void> => {
    await engine.process({
      commands: freshActive(spec, symbols, `m${repetition}`, pass(round)(first).ts),
    });
    settle();
  };
  const slice = (seconds: number) =>
    timeAtLeast(
      async () => {
        const shift = pass(round++);
        for (let i = 0; i < recorded.length; i++)
          await engine.tick({ ...shift(recorded[i] as Tick), symbol: symbolOf(spec, symbols, i) });
        return recorded.length;
      },
      seconds,
      0,
    );
  const stop = async (): Promise<void> => {
    const openOrders = engine.openOrderCount;
    await engine.stop();
    await store.close();
    say({ type: 'stopped', openOrders });
    process.disconnect();
  };
  process.on('message', (m: BookRequest) => {
    const done =
      m.type === 'prepare'
        ? prepare(m.repetition).then(() => say({ type: 'prepared' }))
        : m.type === 'slice'
          ? slice(m.seconds).then((window) => say({ type: 'window', window }))
          : stop();
    done.catch((e: unknown) => {
      say({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
      process.exit(1);
    });
  });
  say({ type: 'loaded' });
};

main().catch((e: unknown) => {
  say({
    type: 'failed',
    message: `loading ${book.orders} orders with the recording ${book.spec.file}: ${e instanceof Error ? e.message : String(e)}`,
  });
  process.exit(1);
});
