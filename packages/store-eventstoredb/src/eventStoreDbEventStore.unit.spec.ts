import {
  ANY,
  AccessDeniedError,
  EventStoreDBClient,
  NO_STREAM,
  UnavailableError,
  WrongExpectedVersionError,
  jsonEvent,
  type StreamMetadata,
} from '@eventstore/db-client';
import { accountStream, orderStream, type NewEvent, type StoredEvent } from '@smart-orders/engine';
import { isLeft, isRight } from 'fp-ts/Either';
import { firstValueFrom, take, toArray, type Observable } from 'rxjs';
import type { EventStoreDbClient } from './eventStoreDbClient';
import { getEventStoreDbEventStore } from './eventStoreDbEventStore';
import { getFakeEventStoreDbClient } from './testing/fakeEventStoreDbClient';

const TS = 1_700_000_000_000;
const newEvents = (count: number, tag: string): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'Tested', ts: TS + i, data: { tag, i } }));
const noDelay = { resubscribeDelayMs: () => 0 };
const first = <T>(source: Observable<T>, count: number): Promise<T[]> =>
  firstValueFrom(source.pipe(take(count), toArray()));

describe('the EventStoreDB adapter on a fake server', () => {
  it('writes version n as revision n − 1 of the prefixed stream, ts in the metadata, positions of $all', async () => {
    const server = getFakeEventStoreDbClient();
    const store = getEventStoreDbEventStore(server, { streamPrefix: 'run-1-' });
    const result = await store.appendBatch([
      { stream: orderStream('o-1'), expectedVersion: 'no_stream', events: newEvents(3, 'a') },
    ]);
    const raw = server.rawStream('run-1-smart-order-o-1');
    expect(raw.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
    expect(raw.map((e) => e.metadata)).toEqual([{ ts: TS }, { ts: TS + 1 }, { ts: TS + 2 }]);
    expect(isRight(result) && result.right.events.map((e) => [e.version, e.position])).toEqual(
      raw.map((e) => [Number(e.revision) + 1, Number(e.position.commit)]),
    );
    expect(server.rawStream('smart-order-o-1')).toEqual([]);
  });

  describe('when a writer races past the batch check', () => {
    const foreign = jsonEvent({ type: 'Foreign', data: {}, metadata: { ts: TS } });
    const racingOn = (server: EventStoreDbClient, raced: string): EventStoreDbClient => {
      let done = false;
      return {
        ...server,
        appendToStream: async (stream, events, options) => {
          if (stream === raced && !done) {
            done = true;
            await server.appendToStream(stream, [foreign], { expectedRevision: ANY });
          }
          return server.appendToStream(stream, events, options);
        },
      };
    };

    it("returns the server's refusal with the actual version and the streams already appended", async () => {
      const server = getFakeEventStoreDbClient();
      const store = getEventStoreDbEventStore(racingOn(server, 'account-default'));
      const result = await store.appendBatch(
        [
          { stream: orderStream('o-1'), expectedVersion: 'no_stream', events: newEvents(2, 'a') },
          {
            stream: accountStream('default'),
            expectedVersion: 'no_stream',
            events: newEvents(1, 'a'),
          },
          { stream: orderStream('o-2'), expectedVersion: 'no_stream', events: newEvents(1, 'a') },
        ],
        [{ name: 'replay', value: 't-1' }],
      );
      expect(isLeft(result) && result.left).toEqual({
        code: 'CONCURRENCY_CONFLICT',
        stream: 'account-default',
        expectedVersion: 'no_stream',
        actualVersion: 1,
        appendedStreams: ['smart-order-o-1'],
        message: expect.stringContaining('smart-order-o-1 of the same batch were already appended'),
      });
      // What the conflict says, honestly: the first stream is in, the rest and the checkpoint are not.
      expect(await store.readStream(orderStream('o-1'))).toHaveLength(2);
      expect(await store.readStream(orderStream('o-2'))).toEqual([]);
      expect(await store.readCheckpoint('replay')).toBeNull();
    });

    it('a tick re-processed with the versions it had before conflicts, and succeeds once reloaded', async () => {
      const store = getEventStoreDbEventStore(getFakeEventStoreDbClient());
      const batch = [
        {
          stream: orderStream('o-1'),
          expectedVersion: 'no_stream' as const,
          events: newEvents(1, 'tick'),
        },
        {
          stream: accountStream('default'),
          expectedVersion: 'any' as const,
          events: newEvents(1, 'tick'),
        },
      ];
      expect(isRight(await store.appendBatch(batch))).toBe(true);
      const again = await store.appendBatch(batch);
      expect(isLeft(again) && again.left).toMatchObject({
        stream: 'smart-order-o-1',
        actualVersion: 1,
      });
      const reloaded = (await store.readStream(orderStream('o-1'))).at(-1)?.version ?? 0;
      expect(
        isRight(
          await store.appendBatch([
            { stream: orderStream('o-1'), expectedVersion: reloaded, events: newEvents(1, 'tick') },
          ]),
        ),
      ).toBe(true);
    });

    it('reads a refusal for a stream deleted meanwhile (no_stream) as version 0', async () => {
      const server = getFakeEventStoreDbClient();
      const store = getEventStoreDbEventStore(server);
      await store.appendBatch([
        { stream: orderStream('o-1'), expectedVersion: 'no_stream', events: newEvents(1, 'a') },
      ]);
      const deletedMeanwhile: EventStoreDbClient = {
        ...server,
        appendToStream: async (streamName, _events, { expectedRevision }) => {
          throw new WrongExpectedVersionError(undefined, {
            streamName,
            expected: expectedRevision,
            current: NO_STREAM,
          });
        },
      };
      const result = await getEventStoreDbEventStore(deletedMeanwhile).appendBatch([
        { stream: orderStream('o-1'), expectedVersion: 1, events: newEvents(1, 'b') },
      ]);
      expect(isLeft(result) && result.left).toMatchObject({
        code: 'CONCURRENCY_CONFLICT',
        expectedVersion: 1,
        actualVersion: 0,
      });
    });

    it('reads the refusal of a client made with throwOnAppendFailure: false', async () => {
      const server = getFakeEventStoreDbClient();
      const refusing = (nextExpectedRevision: bigint): EventStoreDbClient => ({
        ...server,
        appendToStream: async () => ({ success: false, nextExpectedRevision }),
      });
      const append = (client: EventStoreDbClient) =>
        getEventStoreDbEventStore(client).appendBatch([
          { stream: orderStream('o-9'), expectedVersion: 'any', events: newEvents(1, 'a') },
        ]);
      const absent = await append(refusing(-1n));
      const atFive = await append(refusing(4n));
      expect(isLeft(absent) && absent.left.actualVersion).toBe(0);
      expect(isLeft(atFive) && atFive.left.actualVersion).toBe(5);
    });
  });

  it('keeps checkpoints and snapshots in their own maxCount-1 streams, out of readAll', async () => {
    const server = getFakeEventStoreDbClient();
    const metadataCalls: string[] = [];
    const counting: EventStoreDbClient = {
      ...server,
      setStreamMetadata: async (stream: string, metadata: StreamMetadata) => {
        metadataCalls.push(stream);
        return server.setStreamMetadata(stream, metadata);
      },
    };
    const store = getEventStoreDbEventStore(counting, { streamPrefix: 'run-2-' });
    const stream = orderStream('o-1');
    await store.appendBatch(
      [{ stream, expectedVersion: 'no_stream', events: newEvents(1, 'a') }],
      [{ name: 'replay', value: 't-1' }],
    );
    await store.appendBatch([], [{ name: 'replay', value: 't-2' }]);
    await store.saveSnapshot({ stream, version: 1, state: { n: 1 } });
    await store.saveSnapshot({ stream, version: 2, state: { n: 2 } });

    expect(await store.readCheckpoint('replay')).toBe('t-2');
    expect(await store.loadSnapshot(stream)).toEqual({ stream, version: 2, state: { n: 2 } });
    expect(server.metadataOf('run-2-checkpoint-replay')).toEqual({ maxCount: 1 });
    expect(server.metadataOf('run-2-snapshot-smart-order-o-1')).toEqual({ maxCount: 1 });
    expect(metadataCalls).toEqual(['run-2-checkpoint-replay', 'run-2-snapshot-smart-order-o-1']);
    expect(server.rawStream('run-2-checkpoint-replay').map((e) => e.data)).toEqual([
      { name: 'replay', value: 't-1' },
      { name: 'replay', value: 't-2' },
    ]);
    expect((await store.readAll(0)).map((e) => e.stream)).toEqual([stream]);
  });

  it('reads only its own streams from $all, and refuses an event it did not write', async () => {
    const server = getFakeEventStoreDbClient();
    const mine = getEventStoreDbEventStore(server, { streamPrefix: 'run-a-' });
    const theirs = getEventStoreDbEventStore(server, { streamPrefix: 'run-b-' });
    await theirs.appendBatch(
      [{ stream: orderStream('o-1'), expectedVersion: 'any', events: newEvents(2, 'b') }],
      [{ name: 'p', value: '1' }],
    );
    await mine.appendBatch([
      { stream: orderStream('o-1'), expectedVersion: 'any', events: newEvents(1, 'a') },
    ]);
    await theirs.appendBatch([
      { stream: orderStream('o-2'), expectedVersion: 'any', events: newEvents(1, 'b') },
    ]);
    expect((await mine.readAll(0)).map((e) => e.data)).toEqual([{ tag: 'a', i: 0 }]);

    await server.appendToStream(
      'run-a-smart-order-o-1',
      [jsonEvent({ type: 'ByHand', data: {} })],
      { expectedRevision: ANY },
    );
    await expect(mine.readStream(orderStream('o-1'))).rejects.toMatchObject({
      code: 'EVENT_UNREADABLE',
      message: expect.stringContaining('run-a-smart-order-o-1 revision 1'),
    });
  });

  it('refuses a stream readAll would never show, writing nothing', async () => {
    const server = getFakeEventStoreDbClient();
    const store = getEventStoreDbEventStore(server);
    await expect(
      store.appendBatch([
        { stream: orderStream('o-1'), expectedVersion: 'any', events: newEvents(1, 'a') },
        { stream: 'orders-o-1', expectedVersion: 'any', events: newEvents(1, 'a') },
      ]),
    ).rejects.toMatchObject({ code: 'STREAM_NOT_SUPPORTED' });
    expect(server.rawStream('smart-order-o-1')).toEqual([]);
  });

  describe('subscribeAll', () => {
    it('asks the server for its prefixes only, and resumes after a dropped subscription from the last event delivered', async () => {
      const server = getFakeEventStoreDbClient();
      const filters: unknown[] = [];
      const watching: EventStoreDbClient = {
        ...server,
        subscribeToAll: (options) => {
          filters.push(options.filter);
          return server.subscribeToAll(options);
        },
      };
      const store = getEventStoreDbEventStore(watching, { streamPrefix: 'run-3-', ...noDelay });
      const delivered: StoredEvent[] = [];
      const subscription = store.subscribeAll(0).subscribe((e) => delivered.push(e));
      const written = await store.appendBatch([
        { stream: orderStream('o-1'), expectedVersion: 'any', events: newEvents(3, 'a') },
      ]);
      while (delivered.length < 3) await new Promise((done) => setImmediate(done));

      server.dropSubscriptions(new UnavailableError(undefined, '14 UNAVAILABLE: connection reset'));
      const later = await store.appendBatch([
        { stream: accountStream('default'), expectedVersion: 'any', events: newEvents(2, 'b') },
      ]);
      while (delivered.length < 5) await new Promise((done) => setImmediate(done));
      await new Promise((done) => setTimeout(done, 50));
      subscription.unsubscribe();

      const stored = [
        ...(isRight(written) ? written.right.events : []),
        ...(isRight(later) ? later.right.events : []),
      ];
      expect(delivered).toEqual(stored);
      const lastBeforeDrop = BigInt(stored[2]?.position ?? 0);
      expect(server.subscriptionStarts).toEqual([
        'start',
        { commit: lastBeforeDrop, prepare: lastBeforeDrop },
      ]);
      expect(filters).toEqual([
        expect.objectContaining({
          filterOn: 'streamName',
          prefixes: ['run-3-smart-order-', 'run-3-account-'],
        }),
        expect.objectContaining({
          filterOn: 'streamName',
          prefixes: ['run-3-smart-order-', 'run-3-account-'],
        }),
      ]);
    });

    it('fails on an error resubscribing cannot cure', async () => {
      const server = getFakeEventStoreDbClient();
      const store = getEventStoreDbEventStore(server, noDelay);
      const denied = new AccessDeniedError(undefined, 'access denied to $all');
      const outcome = firstValueFrom(store.subscribeAll(0));
      await new Promise((done) => setImmediate(done));
      server.dropSubscriptions(denied);
      await expect(outcome).rejects.toBe(denied);
    });

    it('catches up, then goes live', async () => {
      const server = getFakeEventStoreDbClient();
      const store = getEventStoreDbEventStore(server);
      await store.appendBatch([
        { stream: orderStream('o-1'), expectedVersion: 'any', events: newEvents(2, 'old') },
      ]);
      const events = first(store.subscribeAll(0), 4);
      await store.appendBatch([
        { stream: orderStream('o-1'), expectedVersion: 2, events: newEvents(2, 'new') },
      ]);
      expect((await events).map((e) => e.version)).toEqual([1, 2, 3, 4]);
    });
  });

  describe('close', () => {
    it('completes live subscriptions, refuses further calls, and leaves a client it was given open', async () => {
      const server = getFakeEventStoreDbClient();
      const store = getEventStoreDbEventStore(server);
      const completed = firstValueFrom(store.subscribeAll(0).pipe(toArray()));
      await store.close();
      expect(await completed).toEqual([]);
      await expect(store.readAll(0)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      await expect(store.appendBatch([])).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      const other = getEventStoreDbEventStore(server);
      expect(
        isRight(
          await other.appendBatch([
            { stream: orderStream('o-1'), expectedVersion: 'any', events: newEvents(1, 'a') },
          ]),
        ),
      ).toBe(true);
    });

    it('disposes the client it made from a connection string', async () => {
      const store = getEventStoreDbEventStore('esdb://localhost:2113?tls=false');
      await expect(store.close()).resolves.toBeUndefined();
    });
  });

  it('accepts esdb:// connection strings and the real client, and names what a bad string should be', async () => {
    const client = EventStoreDBClient.connectionString('esdb://localhost:2113?tls=false');
    await getEventStoreDbEventStore(client).close();
    await client.dispose();
    expect(() => getEventStoreDbEventStore('postgres://localhost/db')).toThrow(
      expect.objectContaining({
        code: 'INVALID_CONNECTION_STRING',
        message: expect.stringContaining('esdb://localhost:2113?tls=false'),
      }),
    );
  });
});
