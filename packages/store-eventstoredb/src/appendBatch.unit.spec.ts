import { ANY, NO_STREAM, WrongExpectedVersionError, jsonEvent } from '@eventstore/db-client';
import { accountStream, orderStream, type NewEvent } from '@smart-orders/engine';
import { isLeft, isRight } from 'fp-ts/Either';
import type { EventStoreDbClient } from './eventStoreDbClient';
import { getEventStoreDbEventStore } from './eventStoreDbEventStore';
import { getFakeEventStoreDbClient } from './testing/fakeEventStoreDbClient';

const TS = 1_700_000_000_000;
const newEvents = (count: number, tag: string): NewEvent[] =>
  Array.from({ length: count }, (_, i) => ({ type: 'Tested', ts: TS + i, data: { tag, i } }));

describe('appendBatch on a fake server', () => {
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
});
