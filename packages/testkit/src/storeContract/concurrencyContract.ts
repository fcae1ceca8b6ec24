import { isLeft, isRight } from 'fp-ts/Either';
import { orderStream, type ConcurrencyConflict, type EventStore } from '@smart-orders/engine';
import {
  TS,
  expectAppended,
  isStrictlyIncreasing,
  positionsOf,
  withStore,
  type EventStoreFactory,
} from './storeHarness';

const APPENDERS = 20;

interface AppenderOutcome {
  readonly appender: number;
  readonly version: number;
  readonly conflicts: readonly ConcurrencyConflict[];
}

/** Reads the stream's version, appends one event expecting it, and retries on a conflict. */
const appendWithRetries = async (
  store: EventStore,
  stream: string,
  appender: number,
): Promise<AppenderOutcome> => {
  const conflicts: ConcurrencyConflict[] = [];
  for (let attempt = 0; attempt <= APPENDERS * 2; attempt += 1) {
    const expectedVersion = (await store.readStream(stream)).at(-1)?.version ?? 'no_stream';
    const result = await store.appendBatch([
      { stream, expectedVersion, events: [{ type: 'ContractTested', ts: TS, data: { appender } }] },
    ]);
    if (isRight(result))
      return { appender, version: result.right.events.at(-1)?.version ?? 0, conflicts };
    conflicts.push(result.left);
  }
  throw new Error(`appender ${appender} still conflicts after ${APPENDERS * 2} retries`);
};

/** Optimistic concurrency under real concurrency: one winner per version, nothing lost. */
export const describeConcurrencyContract = (factory: EventStoreFactory): void => {
  describe('concurrent appenders', () => {
    it(
      `${APPENDERS} appenders expecting the same version: exactly one wins, the others get conflicts`,
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        expectAppended(
          await store.appendBatch([
            { stream, expectedVersion: 'no_stream', events: [{ type: 'A', ts: TS, data: {} }] },
          ]),
        );
        const results = await Promise.all(
          Array.from({ length: APPENDERS }, (_, appender) =>
            store.appendBatch([
              { stream, expectedVersion: 1, events: [{ type: 'B', ts: TS, data: { appender } }] },
            ]),
          ),
        );
        expect(results.filter(isRight)).toHaveLength(1);
        for (const result of results.filter(isLeft)) {
          expect(result.left).toMatchObject({
            code: 'CONCURRENCY_CONFLICT',
            stream,
            expectedVersion: 1,
            actualVersion: 2,
          });
        }
        expect((await store.readStream(stream)).map((e) => e.version)).toEqual([1, 2]);
      }),
      30_000,
    );

    it(
      `${APPENDERS} appenders that read, append and retry: each version won once, nothing lost or duplicated`,
      withStore(factory, async ({ store }) => {
        const stream = orderStream('o-1');
        const outcomes = await Promise.all(
          Array.from({ length: APPENDERS }, (_, appender) =>
            appendWithRetries(store, stream, appender),
          ),
        );
        const conflicts = outcomes.flatMap((o) => o.conflicts);
        expect(conflicts.length).toBeGreaterThan(0);
        for (const c of conflicts) {
          expect(c.code).toBe('CONCURRENCY_CONFLICT');
          expect(c.actualVersion).not.toBe(
            c.expectedVersion === 'no_stream' ? 0 : c.expectedVersion,
          );
        }
        const wonVersions = outcomes.map((o) => o.version).sort((a, b) => a - b);
        expect(wonVersions).toEqual(Array.from({ length: APPENDERS }, (_, i) => i + 1));
        const events = await store.readStream(stream);
        expect(events.map((e) => e.version)).toEqual(wonVersions);
        expect(
          events.map((e) => (e.data as { appender: number }).appender).sort((a, b) => a - b),
        ).toEqual(Array.from({ length: APPENDERS }, (_, i) => i));
        for (const { appender, version } of outcomes) {
          expect(events[version - 1]?.data).toEqual({ appender });
        }
      }),
      30_000,
    );

    it(
      `${APPENDERS} concurrent batches on distinct streams all commit, each position used once`,
      withStore(factory, async ({ store }) => {
        const results = await Promise.all(
          Array.from({ length: APPENDERS }, (_, i) =>
            store.appendBatch([
              {
                stream: orderStream(`o-${i}`),
                expectedVersion: 'no_stream',
                events: Array.from({ length: 3 }, (_, n) => ({
                  type: 'ContractTested',
                  ts: TS,
                  data: { i, n },
                })),
              },
            ]),
          ),
        );
        expect(results.every(isRight)).toBe(true);
        const all = await store.readAll(0);
        expect(all).toHaveLength(APPENDERS * 3);
        expect(isStrictlyIncreasing(positionsOf(all))).toBe(true);
        for (let i = 0; i < APPENDERS; i += 1) {
          expect((await store.readStream(orderStream(`o-${i}`))).map((e) => e.data)).toEqual([
            { i, n: 0 },
            { i, n: 1 },
            { i, n: 2 },
          ]);
        }
      }),
      30_000,
    );
  });
};
