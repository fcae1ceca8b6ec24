import { ANY, EventStoreDBClient, jsonEvent, type StreamMetadata } from '@eventstore/db-client';
import { orderStream, type NewEvent } from '@smart-orders/engine';
import { isRight } from 'fp-ts/Either';
import { firstValueFrom, toArray } from 'rxjs';
import type { EventStoreDbClient } from './eventStoreDbClient';
import { getEventStoreDbEventStore } from './eventStoreDbEventStore';
import { getFakeEventStoreDbClient } from './testing/fakeEventStoreDbClient';

const TS = 1_700_000_000_000;
const newEvents = (count: number, tag: string): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'Tested', ts: TS + i, data: { tag, i } }));

describe('the EventStoreDB store on a fake server', () => {
  it('keeps checkpoints in their own maxCount-1 streams, out of readAll', async () => {
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

    expect(await store.readCheckpoint('replay')).toBe('t-2');
    expect(server.metadataOf('run-2-checkpoint-replay')).toEqual({ maxCount: 1 });
    expect(metadataCalls).toEqual(['run-2-checkpoint-replay']);
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
