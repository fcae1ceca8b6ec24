import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Window } from './figure';
import type { TickFileSpec } from './recording';
import type { SlicedSide } from './timing';

/**
 * A book of open orders loaded in a process of its own, whose windows of ticks/s the parent
 * asks for one at a time (`bookProcessChild.ts` runs it). Two books in one process share one
 * heap: in the million-order case the 1k book's windows ran at 7k–190k ticks/s because the
 * collector of the million's 1.8 GB heap worked in them, warm-up or not. Apart, each slice is
 * its own book's work, and the two are still taken alternately (`interleavedSlices`).
 */
export interface BookProcess extends SlicedSide {
  /**
   * Before a repetition: fresh orders the prices reach, then the heap collected, untimed.
   */
  readonly prepare: (repetition: number) => Promise<void>;
  /** One slice of a window: the recording again and again for at least `seconds`. */
  readonly slice: (seconds: number) => Promise<Window>;
  /** Stops the engine and closes its store; the open orders it held at the end. */
  readonly stop: () => Promise<number>;
  /** Ends the process at once, where a failure elsewhere leaves the book unwanted. */
  readonly kill: () => void;
}

export interface BookSpec {
  readonly path: string;
  readonly orders: number;
  readonly symbols: number;
  readonly spec: TickFileSpec;
}

/** What the parent asks of the child. */
export type BookRequest =
  | { readonly type: 'prepare'; readonly repetition: number }
  | { readonly type: 'slice'; readonly seconds: number }
  | { readonly type: 'stop' };

/** What the child says: loaded, prepared, a slice's figures, or its open orders as it stops. */
export type BookMessage =
  | { readonly type: 'loaded' }
  | { readonly type: 'prepared' }
  | { readonly type: 'window'; readonly window: Window }
  | { readonly type: 'stopped'; readonly openOrders: number }
  | { readonly type: 'failed'; readonly message: string };

/** The child's compiled script, from `dist/` or from `src/` (the tests): `tsc -b` built it. */
const CHILD = resolve(__dirname, '../dist/bookProcessChild.js');

/** Starts the child with this process's flags (`--expose-gc`, the heap limit) once it is loaded. */
export const startBookProcess = async (book: BookSpec): Promise<BookProcess> => {
  const child: ChildProcess = fork(CHILD, [JSON.stringify(book)], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends BookMessage['type']>(
    type: T,
  ): Promise<Extract<BookMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the book of ${book.orders} orders exited ${code} before '${type}'`));
      child.once('exit', onExit);
      child.once('message', (m: BookMessage) => {
        child.off('exit', onExit);
        if (m.type === type) resolve(m as Extract<BookMessage, { type: T }>);
        else
          reject(
            new Error(
              `the book of ${book.orders} orders: ${m.type === 'failed' ? m.message : `said '${m.type}' where '${type}' was due`}`,
            ),
          );
      });
    });
  const ask = (request: BookRequest): void => {
    child.send(request);
  };
  try {
    await next('loaded');
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    prepare: async (repetition) => {
      const answer = next('prepared');
      ask({ type: 'prepare', repetition });
      await answer;
    },
    slice: async (seconds) => {
      const answer = next('window');
      ask({ type: 'slice', seconds });
      return (await answer).window;
    },
    stop: async () => {
      const answer = next('stopped');
      ask({ type: 'stop' });
      const { openOrders } = await answer;
      await new Promise((resolve) =>
        child.exitCode === null ? child.once('exit', resolve) : resolve(null),
      );
      return openOrders;
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  };
};
