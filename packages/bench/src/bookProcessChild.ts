import type { Tick } from '@smart-orders/core';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import type { BookMessage, BookSpec } from './bookProcess';
import { freshActive, loadedEngine, symbolOf } from './engineFigures';
import { loadTicks, passOf } from './recording';
import { collect, timeAtLeast } from './timing';

/**
 * The child of `bookProcess.ts`: loads the book, then runs a window each time it is asked, from
 * a collected heap, and stops when told. Argument: the `BookSpec` as JSON.
 */
const book = JSON.parse(process.argv[2] ?? '') as BookSpec;
const say = (m: BookMessage): void => {
  process.send?.(m);
};

/**
 * Two full collections after each window, before answering: the million's collector works on
 * threads of its own (its CPU time 1.4 times its wall time in its windows), and what it left
 * undone when a window ended would run beside the other book's next window. The second
 * collection finishes what the first left to sweep.
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
  const window = async (repetition: number) => {
    await engine.process({
      commands: freshActive(spec, symbols, `m${repetition}`, pass(round)(first).ts),
    });
    collect();
    return timeAtLeast(async () => {
      const shift = pass(round++);
      for (let i = 0; i < recorded.length; i++)
        await engine.tick({ ...shift(recorded[i] as Tick), symbol: symbolOf(spec, symbols, i) });
      return recorded.length;
    }, book.seconds);
  };
  const stop = async (): Promise<void> => {
    const openOrders = engine.openOrderCount;
    await engine.stop();
    await store.close();
    say({ type: 'stopped', openOrders });
    process.disconnect();
  };
  process.on('message', (m: { type: 'window'; repetition: number } | { type: 'stop' }) => {
    const done =
      m.type === 'window'
        ? window(m.repetition).then((w) => {
            settle();
            say({ type: 'window', window: w });
          })
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
