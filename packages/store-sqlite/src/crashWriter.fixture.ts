import { isLeft } from 'fp-ts/Either';
import { orderStream, type AppendToStream } from '@smart-orders/engine';
import { getSqliteEventStore } from './sqliteEventStore';

/**
 * The writer of the crash test (`crash.int.spec.ts`), run from `dist/` as its own process and
 * killed with SIGKILL: it appends batches of random size forever, each event telling its batch
 * and the batch's size, so the survivor can check that every batch is whole or absent.
 */
const STREAMS = 200;
export const CRASH_CHECKPOINT = 'crash-writer';

const randomInt = (from: number, to: number): number =>
  from + Math.floor(Math.random() * (to - from + 1));

const run = async (path: string): Promise<void> => {
  const store = getSqliteEventStore(path);
  const versions = new Map<string, number>();
  for (const event of await store.readAll(0)) versions.set(event.stream, event.version);
  let batch = Number((await store.readCheckpoint(CRASH_CHECKPOINT)) ?? 0);
  process.stdout.write('ready\n');
  for (;;) {
    batch += 1;
    const streams = new Set(
      Array.from({ length: randomInt(1, 40) }, () => orderStream(`o-${randomInt(1, STREAMS)}`)),
    );
    const sizes = [...streams].map(() => randomInt(1, 3));
    const batchEvents = sizes.reduce((a, b) => a + b, 0);
    const appends: AppendToStream[] = [...streams].map((stream, i) => ({
      stream,
      expectedVersion: versions.get(stream) ?? 'no_stream',
      events: Array.from({ length: sizes[i] ?? 1 }, () => ({
        type: 'CrashTested',
        ts: batch,
        data: { batch, batchEvents },
      })),
    }));
    const result = await store.appendBatch(appends, [
      { name: CRASH_CHECKPOINT, value: String(batch) },
    ]);
    if (isLeft(result)) throw new Error(result.left.message);
    for (const { stream, version } of result.right.events) versions.set(stream, version);
  }
};

const path = process.argv[2];
if (path !== undefined && require.main === module) {
  run(path).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
