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
// rest of the recording, so on the example recording the boundaries are sampled: the first
// five and every fifth (each defect found so far there spanned four consecutive boundaries or
// more, but the first); on the short one, every boundary.

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

/**
 * Two longs on a recording whose third second prints three trades in one millisecond: the first
 * long's stop exit fills on the first two, the second's stop triggers on the third and takes
 * its print. Cut between that exit's intent and its answer, the resumed book must meet the
 * third print less nothing, not less what the first exit took in the same millisecond.
 */
const burst = {
  ticks: [
    'timestamp,price,quantity,side',
    '1000,100,1,buy',
    '2000,100,1,buy',
    '3000,94,0.3,sell',
    '3000,94,0.7,sell',
    '3000,93,0.5,sell',
    '4000,93,2,sell',
    '5000,93,2,sell',
  ].join('\n'),
  plan: {
    orders: [95, 93].map((stop, i) => ({
      orderId: `burst-${i}`,
      exchange: 'paper',
      symbol: 'ETH/USDT',
      side: 'BUY',
      quantity: 1,
      entry: { type: 'MARKET' },
      takeProfits: [{ price: 120, sizePct: 100 }],
      stopLoss: { price: stop },
      market: { tickSize: 0.01, stepSize: 0.0001 },
    })),
    commands: [],
  },
};

describe.each([
  { name: 'the crash plan', plan: crashPlan(), ticks: null, flags: {}, every: 5, batches: 300 },
  // Exits triggered in another order than their orders' creation, and fills held back by a
  // latency: the resent orders must keep their first send order and time.
  {
    name: 'the crash plan, reversed, with 50 ms of latency',
    plan: crashPlan({ reversed: true }),
    ticks: null,
    flags: { latencyMs: 50 },
    every: 5,
    batches: 300,
  },
  { name: 'two stops in a burst of prints', ...burst, flags: {}, every: 1, batches: 8 },
])(
  'a replay of $name resumed after any commit',
  ({ plan, ticks, flags, every, batches: least }) => {
    let dir: string;
    let args: (db: string) => ReplayArgs;
    const batches: Batch[] = [];
    let reference: string[];

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'smart-orders-resume-'));
      const planFile = join(dir, 'plan.json');
      writeFileSync(planFile, JSON.stringify(plan));
      const ticksFile = ticks === null ? exampleTicks : join(dir, 'ticks.csv');
      if (ticks !== null) writeFileSync(ticksFile, ticks);
      args = (db) => ({
        ticks: ticksFile,
        symbol: 'ETH/USDT',
        plan: planFile,
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

    it('has batches to cut', () => {
      expect(batches.length).toBeGreaterThanOrEqual(least);
    });

    it('ends with the log of the replay never interrupted', async () => {
      const cuts = Array.from({ length: batches.length + 1 }, (_, k) => k).filter(
        (k) => k < 5 || k % every === 0,
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
  },
);
