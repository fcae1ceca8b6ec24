import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { orderStream, type StoredEvent } from '@smart-orders/engine';
import { getSqliteEventStore } from './sqliteEventStore';

const WRITER = join(__dirname, '..', 'dist', 'crashWriter.fixture.js');
const stream = orderStream('o-1');
const event = { type: 'A', ts: 1, data: {} };
const timers = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
const waitFor = async (done: () => boolean, what: string): Promise<void> => {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('SQLite subscribeAll', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-subscription-'));
    path = join(dir, 'events.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers one event at a time, in order, to an observer that appends from inside next', async () => {
    const store = getSqliteEventStore(path);
    const seen: number[] = [];
    let depth = 0;
    let deepest = 0;
    const subscription = store.subscribeAll(0).subscribe((e: StoredEvent) => {
      depth += 1;
      deepest = Math.max(deepest, depth);
      seen.push(e.position);
      if (e.position < 5)
        void store.appendBatch([{ stream, expectedVersion: 'any', events: [event] }]);
      depth -= 1;
    });
    await store.appendBatch([{ stream, expectedVersion: 'no_stream', events: [event] }]);
    await waitFor(() => seen.length === 5, 'five events');
    subscription.unsubscribe();
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(deepest).toBe(1);
    await store.close();
  });

  it('stops polling when unsubscribed, and completes when the store closes', async () => {
    const store = getSqliteEventStore(path, { pollIntervalMs: 20 });
    const before = timers();
    const polling = store.subscribeAll(0).subscribe();
    expect(timers()).toBe(before + 1);
    polling.unsubscribe();
    expect(timers()).toBe(before);
    let completed = false;
    store.subscribeAll(0).subscribe({ complete: () => (completed = true) });
    await store.close();
    expect(completed).toBe(true);
    expect(timers()).toBe(before);
  });

  it('sees, by polling, the appends of another process on the same file', async () => {
    if (!existsSync(WRITER))
      throw new Error(`${WRITER} is missing: run \`npx tsc -b\` before this test`);
    const store = getSqliteEventStore(path, { pollIntervalMs: 10 });
    const seen: StoredEvent[] = [];
    const subscription = store.subscribeAll(0).subscribe((e: StoredEvent) => seen.push(e));
    const writer = spawn(process.execPath, [WRITER, path], { stdio: 'ignore' });
    const exited = new Promise((resolve) => writer.on('exit', resolve));
    try {
      await waitFor(() => seen.length >= 2_000, "2,000 of the other process's events");
    } finally {
      writer.kill('SIGKILL');
      await exited;
    }
    const all = await store.readAll(0);
    await waitFor(() => seen.length >= all.length, 'the rest of the log');
    await new Promise((resolve) => setTimeout(resolve, 100));
    subscription.unsubscribe();
    expect(seen.map((e) => e.position)).toEqual(all.map((e) => e.position));
    expect(seen).toEqual(all);
    await store.close();
  }, 30_000);
});
