import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  acquirePartition,
  createEngine,
  ownedStore,
  type BookSnapshotHeader,
  type Engine,
  type EventStore,
} from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import Database from 'better-sqlite3';
import { snapshotOrders, snapshotTick } from './testing/snapshotBook';

// The engine's snapshot of its open book on the SQLite store, with real files and a real
// process killed mid-way: a start that reads the snapshot and the log after it must have the
// book a start that folds the whole log has, and go on to write the same log.

const FIXTURE = join(__dirname, '..', 'dist', 'testing', 'snapshotEngine.fixture.js');

const engineOn = (store: EventStore, options: { snapshots?: boolean; unpacked?: number } = {}) =>
  createEngine({
    store,
    exchange: getPaperExchange(),
    bookSnapshots: options.snapshots ?? true,
    ...(options.unpacked === undefined ? {} : { unpackedOrders: options.unpacked }),
    logger: undefined,
  });

/** The snapshot's header, or null: what the store holds, read with any release. */
const snapshotPosition = async (path: string): Promise<number | null> => {
  const db = new Database(path, { readonly: true });
  try {
    const row = db.prepare('SELECT position FROM book_snapshot WHERE id = 1').get() as
      Pick<BookSnapshotHeader, 'position'> | undefined;
    return row?.position ?? null;
  } finally {
    db.close();
  }
};

const ticks = async (engine: Engine, from: number, to: number) => {
  for (let n = from; n < to; n++) await engine.tick(snapshotTick(n));
};

/** A copy of the file started with or without its snapshot: its book, then the log it writes. */
const restartedCopy = async (dir: string, path: string, name: string, snapshots: boolean) => {
  const copy = join(dir, name);
  copyFileSync(path, copy);
  for (const suffix of ['-wal', '-shm'])
    if (existsSync(path + suffix)) copyFileSync(path + suffix, copy + suffix);
  const store = getSqliteEventStore(copy);
  const engine = engineOn(store, { snapshots: false });
  const read = snapshots ? engineOn(store) : engine;
  await read.start();
  const book = read.openOrders();
  const before = (await store.readAll(0)).length;
  await ticks(read, 1_000, 1_100);
  const written = (await store.readAll(before)).map((e) => [e.orderId, e.type, e.data]);
  const after = read.openOrders();
  await store.close();
  return { book, written, after };
};

describe('a snapshot of the open book on SQLite', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-book-snapshot-'));
    path = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Orders made, prices fed, then a clean stop: the snapshot. */
  const written = async (unpacked?: number) => {
    const store = getSqliteEventStore(path);
    const engine = engineOn(store, { unpacked });
    await engine.start();
    await engine.process({ commands: snapshotOrders(40) });
    await ticks(engine, 0, 60);
    await engine.stop();
    await store.close();
  };

  it('is written at a clean stop, and a start from it and the log after it has the book the whole log folds to', async () => {
    await written(5);
    expect(await snapshotPosition(path)).toBeGreaterThan(0);
    // More of the log after it, by an engine that writes no snapshot.
    const store = getSqliteEventStore(path);
    const later = engineOn(store, { snapshots: false });
    await later.start();
    await ticks(later, 60, 120);
    await later.stop();
    await store.close();
    const fromSnapshot = await restartedCopy(dir, path, 'a.db', true);
    const fromLog = await restartedCopy(dir, path, 'b.db', false);
    expect(fromSnapshot.book.length).toBeGreaterThan(10);
    expect(fromSnapshot.book).toEqual(fromLog.book);
    expect(fromSnapshot.written.length).toBeGreaterThan(0);
    expect(fromSnapshot.written).toEqual(fromLog.written);
    expect(fromSnapshot.after).toEqual(fromLog.after);
  });

  it('is not written where another writer appended order events the book never folded', async () => {
    await written();
    const first = await snapshotPosition(path);
    const store = getSqliteEventStore(path);
    const other = getSqliteEventStore(path);
    const engine = engineOn(store);
    await engine.start();
    await engine.tick(snapshotTick(60));
    // Another process's engine on the same file creates an order this one never sees.
    const intruder = engineOn(other, { snapshots: false });
    await intruder.start();
    await intruder.process({ commands: [{ ...snapshotOrders(41)[40]!, orderId: 'other' }] });
    await intruder.stop();
    await engine.tick(snapshotTick(61));
    await engine.stop();
    await Promise.all([store.close(), other.close()]);
    expect(await snapshotPosition(path)).toBe(first);
    // The next start folds the log after the old snapshot, the other writer's order with it.
    const again = getSqliteEventStore(path);
    const restarted = engineOn(again);
    await restarted.start();
    expect(restarted.openOrders().map((v) => v.orderId)).toContain('other');
    await restarted.stop();
    await again.close();
  });

  it('is written and read by an engine that owns its partition by a lease, as `run` is', async () => {
    await written();
    const first = (await snapshotPosition(path)) as number;
    const shared = getSqliteEventStore(path);
    const ownership = await acquirePartition({
      store: shared,
      key: 'acct',
      engineId: 'a',
      durationMs: 60_000,
    });
    const engine = engineOn(ownedStore(shared, ownership));
    await engine.start();
    await engine.process({ commands: [{ ...snapshotOrders(41)[40]!, orderId: 'owned' }] });
    await ticks(engine, 60, 80);
    await engine.stop();
    await ownership.release();
    await shared.close();
    expect(await snapshotPosition(path)).toBeGreaterThan(first);
    const fromSnapshot = await restartedCopy(dir, path, 'a.db', true);
    const fromLog = await restartedCopy(dir, path, 'b.db', false);
    expect(fromSnapshot.book.map((v) => v.orderId)).toContain('owned');
    expect(fromSnapshot.book).toEqual(fromLog.book);
    expect(fromSnapshot.written).toEqual(fromLog.written);
  });

  it('after a process killed mid-way (SIGKILL), the old snapshot and the log after it give the book of the whole log', async () => {
    await written(3);
    const child = spawn(process.execPath, [FIXTURE, path, '60'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (/ticked (1[2-9]\d|[2-9]\d\d)/.test(chunk.toString())) resolve();
      });
      child.on('exit', (code) => reject(new Error(`the engine exited (${code}): ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const fromSnapshot = await restartedCopy(dir, path, 'a.db', true);
    const fromLog = await restartedCopy(dir, path, 'b.db', false);
    expect(fromSnapshot.book).toEqual(fromLog.book);
    expect(fromSnapshot.written).toEqual(fromLog.written);
    expect(fromSnapshot.after).toEqual(fromLog.after);
  });
});
