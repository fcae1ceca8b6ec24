import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readAllEvents,
  type AppendToStream,
  type Checkpoint,
  type EventStore,
} from '@smart-orders/engine';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { replayCommand, type Io, type ReplayArgs } from './commands/replay';
import { formatJsonl } from './output';
import * as storeUrl from './storeUrl';
import { crashPlan } from './testing/crashPlan';
import { exampleTicks } from './testing/runCli';

// A replay killed at any moment leaves on SQLite a prefix of whole batches, each committed
// with the checkpoint it carried (appendBatch is one transaction), and nothing else of it: its
// paper book dies with it. Rather than kill at random times (replayCrash.e2e), this builds the
// store every such crash can leave, batch boundary by batch boundary, resumes the replay on
// it and compares the log with the one of a replay never interrupted. Each resume replays the
// rest of the recording, so the boundaries are sampled: the first five and every fifth (the
// defects found so far each spanned at least four consecutive boundaries, but the first).

interface Batch {
  readonly appends: readonly AppendToStream[];
  readonly checkpoints: readonly Checkpoint[];
}

const quiet: Io = {
  out: () => undefined,
  err: () => undefined,
  stdoutIsTerminal: false,
  stderr: null,
};

/** The log as `audit --format jsonl` prints it (no account, so no heartbeats to summarise). */
const auditOf = async (db: string): Promise<string[]> => {
  const store = getSqliteEventStore(db);
  try {
    const lines: string[] = [];
    for await (const e of readAllEvents(store)) lines.push(formatJsonl(e));
    return lines;
  } finally {
    await store.close();
  }
};

/**
 * The replay's store, opened as `openStore` does (jest cannot run its lazy `import()` of the
 * adapter, so the SQLite adapter is imported here), recording every batch committed on it, in
 * commit order, as the store received it.
 */
const openingSqlite = (batches: Batch[] | null) =>
  jest.spyOn(storeUrl, 'openStore').mockImplementation(async (url) => {
    const store = getSqliteEventStore(url.path as string);
    if (batches === null) return store;
    const recorded: EventStore = {
      ...store,
      appendBatch: async (appends, checkpoints = [], fence) => {
        const result = await store.appendBatch(appends, checkpoints, fence);
        if (result._tag === 'Right') batches.push({ appends, checkpoints });
        return result;
      },
    };
    return recorded;
  });

/** The store a crash right after `batches` were committed leaves. */
const storeAfter = async (db: string, batches: readonly Batch[]): Promise<void> => {
  const store = getSqliteEventStore(db);
  try {
    for (const b of batches) {
      const appended = await store.appendBatch(b.appends, b.checkpoints);
      if (appended._tag === 'Left') throw new Error(appended.left.message);
    }
  } finally {
    await store.close();
  }
};

const firstDifference = (a: readonly string[], b: readonly string[]) => {
  let i = 0;
  while (i < Math.max(a.length, b.length) && a[i] === b[i]) i++;
  return { line: i, uninterrupted: a[i] ?? '(end)', resumed: b[i] ?? '(end)' };
};

describe.each([
  { name: 'the crash plan', reversed: false, flags: {} },
  // Exits triggered in another order than their orders' creation, and fills held back by a
  // latency: the resent orders must keep their first send order and time.
  {
    name: 'the crash plan, reversed, with 50 ms of latency',
    reversed: true,
    flags: { latencyMs: 50 },
  },
])('a replay of $name resumed after any commit', ({ reversed, flags }) => {
  let dir: string;
  let args: (db: string) => ReplayArgs;
  const batches: Batch[] = [];
  let reference: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-resume-'));
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify(crashPlan({ reversed })));
    args = (db) => ({
      ticks: exampleTicks,
      symbol: 'ETH/USDT',
      plan,
      store: `sqlite:${db}`,
      format: 'jsonl',
      ...flags,
    });
    const recording = openingSqlite(batches);
    try {
      await replayCommand(args(join(dir, 'uninterrupted.sqlite')), quiet);
    } finally {
      recording.mockRestore();
    }
    reference = await auditOf(join(dir, 'uninterrupted.sqlite'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let opening: jest.SpyInstance;
  beforeEach(() => {
    opening = openingSqlite(null);
  });
  afterEach(() => opening.mockRestore());

  it('has a long log in many batches to cut', () => {
    expect(reference.length).toBeGreaterThan(500);
    expect(batches.length).toBeGreaterThan(300);
  });

  it('ends with the log of the replay never interrupted', async () => {
    const cuts = Array.from({ length: batches.length + 1 }, (_, k) => k).filter(
      (k) => k < 5 || k % 5 === 0,
    );
    const differing = [];
    for (const k of cuts) {
      const db = join(dir, `after-${k}.sqlite`);
      await storeAfter(db, batches.slice(0, k));
      await replayCommand(args(db), quiet);
      const log = await auditOf(db);
      if (log.join('\n') !== reference.join('\n'))
        differing.push({ afterBatches: k, ...firstDifference(reference, log) });
      for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
    }
    expect(differing).toEqual([]);
  }, 600_000);
});
