import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import type { Tick } from '@smart-orders/core';

/** The store a restart opens: a SQLite file, or a schema of a PostgreSQL server. */
export type RestartStore =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

export interface RestartSpec {
  readonly store: RestartStore;
  /** The open orders the writer left: a restart that rebuilds another number fails. */
  readonly expectedOpenOrders: number;
  /** A tick to send once the engine has started, timed through the engine and committed. */
  readonly firstTick?: Tick;
}

/** One restart, as the process that made it measured it. */
export interface Restart {
  /** Opening the store, `createEngine` and `start()` resolved: every open order rebuilt. */
  readonly wallSeconds: number;
  /** CPU time of the restarted process over the same span (its collector's threads too). */
  readonly cpuSeconds: number;
  readonly openOrders: number;
  /** Heap the restarted engine holds per open order, after two full collections. */
  readonly heapBytesPerOrder: number;
  /** The first tick after the restart; null when none was asked for. */
  readonly firstTickMs: number | null;
}

/** What the child says: its restart, or why it could not make one. */
export type RestartMessage =
  | ({ readonly type: 'restarted' } & Restart)
  | { readonly type: 'failed'; readonly message: string };

/** The child's compiled script, from `dist/` or from `src/` (the tests): `tsc -b` built it. */
const CHILD = resolve(__dirname, '../dist/restartProcessChild.js');

/**
 * A restart in a process of its own (`restartProcessChild.ts`), as an operator's restart is:
 * a new process, its code not yet compiled, nothing in its heap but the engine it rebuilds. In
 * the process that wrote the book, the first restart of five ran on cold code and the others on
 * warm code among the writer's garbage: 1.38–1.84 s for the same 100k orders, where restarts in
 * fresh processes took 1.55–1.72 s. The child runs with this process's flags (`--expose-gc`, the
 * heap limit).
 */
export const restartInProcess = (spec: RestartSpec): Promise<Restart> =>
  new Promise((resolvePromise, reject) => {
    const child = fork(CHILD, [JSON.stringify(spec)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: RestartMessage | undefined;
    child.once('message', (m: RestartMessage) => {
      answer = m;
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (answer?.type === 'restarted' && answer.openOrders !== spec.expectedOpenOrders)
        reject(
          new Error(
            `the restarted engine holds ${answer.openOrders} open orders, the one before it ${spec.expectedOpenOrders}`,
          ),
        );
      else if (answer?.type === 'restarted') {
        const { type: _type, ...restart } = answer;
        resolvePromise(restart);
      } else
        reject(
          new Error(
            `the restart of ${spec.store.kind === 'sqlite' ? spec.store.path : `schema ${spec.store.schema}`}: ${answer?.type === 'failed' ? answer.message : `its process exited ${code} without a word`}`,
          ),
        );
    });
  });
