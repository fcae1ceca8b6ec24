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
  /** Whether the engine reads the store's snapshot of its book (default true, the engine's). */
  readonly snapshots?: boolean;
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

/**
 * A read of the whole log alone, the restart's baseline: opening the store and reading every
 * event in the pages a rebuild reads, its data parsed, and nothing folded.
 */
export interface LogRead {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly events: number;
}

/** What the child says: its restart or its read, or why it could not make one. */
export type RestartMessage =
  | ({ readonly type: 'restarted' } & Restart)
  | ({ readonly type: 'read' } & LogRead)
  | { readonly type: 'failed'; readonly message: string };

/** What the child is asked: a restart, or (`readAlone`) a read of the log alone. */
export type ChildSpec = RestartSpec | { readonly readAlone: true; readonly store: RestartStore };

/** The child's compiled script, from `dist/` or from `src/` (the tests): `tsc -b` built it. */
const CHILD = resolve(__dirname, '../dist/restartProcessChild.js');

const storeName = (store: RestartStore): string =>
  store.kind === 'sqlite' ? store.path : `schema ${store.schema}`;

/**
 * Forks the child with `spec` and resolves with its answer once it has exited; rejects with
 * `the <what> of <store>: <why>` when the child failed or said nothing.
 */
const inChild = (spec: ChildSpec, what: string): Promise<RestartMessage> =>
  new Promise((resolvePromise, reject) => {
    const fail = (why: string): Error =>
      new Error(`the ${what} of ${storeName(spec.store)}: ${why}`);
    const child = fork(CHILD, [JSON.stringify(spec)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: RestartMessage | undefined;
    child.once('message', (m: RestartMessage) => {
      answer = m;
    });
    child.once('error', (e) => reject(fail(e.message)));
    child.once('exit', (code) => {
      if (answer === undefined) reject(fail(`its process exited ${code} without a word`));
      else if (answer.type === 'failed') reject(fail(answer.message));
      else resolvePromise(answer);
    });
  });

/**
 * A restart in a process of its own (`restartProcessChild.ts`), as an operator's restart is:
 * a new process, its code not yet compiled, nothing in its heap but the engine it rebuilds. In
 * the process that wrote the book, the first restart of five ran on cold code and the others on
 * warm code among the writer's garbage: 1.38–1.84 s for the same 100k orders, where restarts in
 * fresh processes took 1.55–1.72 s. The child runs with this process's flags (`--expose-gc`, the
 * heap limit).
 */
export const restartInProcess = async (spec: RestartSpec): Promise<Restart> => {
  const answer = await inChild(spec, 'restart');
  if (answer.type !== 'restarted') throw new Error(`the restart's process answered ${answer.type}`);
  if (answer.openOrders !== spec.expectedOpenOrders)
    throw new Error(
      `the restarted engine holds ${answer.openOrders} open orders, the one before it ${spec.expectedOpenOrders}`,
    );
  const { type: _type, ...restart } = answer;
  return restart;
};

/**
 * The restart's baseline, in a fresh process as the restart is: the whole log read alone, as
 * the rebuild reads it. A restart has no other side to take turns with; this one moves with the
 * machine's speed as the restart does, so that a restart figure that moves can be told apart
 * from a restart that got slower.
 */
export const readLogInProcess = async (store: RestartStore): Promise<LogRead> => {
  const answer = await inChild({ readAlone: true, store }, 'read');
  if (answer.type !== 'read') throw new Error(`the read's process answered ${answer.type}`);
  const { type: _type, ...read } = answer;
  return read;
};
