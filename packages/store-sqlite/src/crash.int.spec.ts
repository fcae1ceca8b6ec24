import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@smart-orders/engine';
import { CRASH_CHECKPOINT } from './crashWriter.fixture';
import { getSqliteEventStore } from './sqliteEventStore';

const WRITER = join(__dirname, '..', 'dist', 'crashWriter.fixture.js');
const ROUNDS = 3;

interface CrashData {
  readonly batch: number;
  readonly batchEvents: number;
}

/** Starts the writer, waits until it is appending, and kills it with SIGKILL after `afterMs`. */
const runAndKill = async (path: string, afterMs: number): Promise<void> => {
  const writer = spawn(process.execPath, [WRITER, path], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  writer.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    writer.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    writer.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    writer.on('exit', (code) =>
      reject(new Error(`the writer exited (${code}) before it was ready: ${stderr}`)),
    );
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  writer.kill('SIGKILL');
  const signal = await exited;
  if (signal !== 'SIGKILL')
    throw new Error(`the writer ended by itself, not by SIGKILL: ${stderr}`);
};

/**
 * Every batch whole or absent, in commit order, versions gap-free, the checkpoint with its batch.
 * Returns the number of batches. Plain checks, not `expect` per event: there are many events.
 */
const expectWholeBatches = (events: readonly StoredEvent[], checkpoint: string | null): number => {
  const counts = new Map<number, { count: number; expected: number }>();
  const versions = new Map<string, number>();
  let previous: StoredEvent | undefined;
  for (const event of events) {
    const { batch, batchEvents } = event.data as CrashData;
    const version = (versions.get(event.stream) ?? 0) + 1;
    if (event.version !== version)
      throw new Error(`${event.stream} jumps to version ${event.version}, expected ${version}`);
    if (previous && event.position <= previous.position)
      throw new Error(`position ${event.position} after ${previous.position}`);
    if (previous && batch < (previous.data as CrashData).batch)
      throw new Error(`batch ${batch} committed after a later one`);
    versions.set(event.stream, version);
    counts.set(batch, { count: (counts.get(batch)?.count ?? 0) + 1, expected: batchEvents });
    previous = event;
  }
  for (const [batch, { count, expected }] of counts) {
    if (count !== expected)
      throw new Error(`batch ${batch} has ${count} of its ${expected} events`);
  }
  const batches = counts.size;
  expect([...counts.keys()]).toEqual(Array.from({ length: batches }, (_, i) => i + 1));
  expect(checkpoint).toBe(batches === 0 ? null : String(batches));
  return batches;
};

describe('SQLite store killed with SIGKILL while appending', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'smart-orders-crash-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds every batch whole or absent, and the restarted writer carries on after the last whole one', async () => {
    if (!existsSync(WRITER))
      throw new Error(`${WRITER} is missing: run \`npx tsc -b\` before this test`);
    const path = join(dir, 'events.db');
    let committed = 0;
    for (let round = 1; round <= ROUNDS; round += 1) {
      await runAndKill(path, 100 + Math.floor(Math.random() * 400));
      const store = getSqliteEventStore(path);
      const batches = expectWholeBatches(
        await store.readAll(0),
        await store.readCheckpoint(CRASH_CHECKPOINT),
      );
      await store.close();
      expect(batches).toBeGreaterThan(committed);
      committed = batches;
    }
  }, 60_000);
});
