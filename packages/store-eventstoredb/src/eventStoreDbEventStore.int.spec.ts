import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, type WrongExpectedVersionError } from '@eventstore/db-client';
import { orderStream } from '@smart-orders/engine';
import { describeEventStoreContract } from '@smart-orders/testkit';
import { getEventStoreDbEventStore } from './eventStoreDbEventStore';
import { conflictOfWrongExpectedVersion, isWrongExpectedVersion } from './wrongExpectedVersion';

const url = process.env.EVENTSTORE_URL;

if (url === undefined || url === '') {
  console.warn(
    'store-eventstoredb: the EventStoreDB store contract is skipped because EVENTSTORE_URL is not set. ' +
      'Start a server (docs/stores.md, "EventStoreDB") and run ' +
      'EVENTSTORE_URL=esdb://localhost:2113?tls=false npx jest packages/store-eventstoredb',
  );
  describe.skip('EventStoreDB store contract (needs EVENTSTORE_URL)', () => {
    it('runs against a real server', () => undefined);
  });
} else {
  const client = EventStoreDBClient.connectionString(url);
  afterAll(() => client.dispose());

  // Every test gets its own stream prefix: the server is shared and its data is never deleted.
  describeEventStoreContract(
    `EventStoreDB at ${url}`,
    async () => {
      const streamPrefix = `so-test-${randomUUID()}-`;
      return {
        store: getEventStoreDbEventStore(client, { streamPrefix }),
        reopen: async () => getEventStoreDbEventStore(client, { streamPrefix }),
        cleanup: async () => undefined,
      };
    },
    // No writer locks on EventStoreDB (docs/stores.md): the adapter does not offer lockWriter.
    { writerLocks: false },
  );

  describe(`EventStoreDB at ${url}: what the server really answers`, () => {
    it('refuses an exact revision on a missing stream with no_stream, read as version 0', async () => {
      const stream = `so-test-${randomUUID()}-smart-order-o-1`;
      const refusal = await client.appendToStream(stream, [], { expectedRevision: 4n }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isWrongExpectedVersion(refusal)).toBe(true);
      expect((refusal as WrongExpectedVersionError).actualVersion).toBe('no_stream');
      expect(
        conflictOfWrongExpectedVersion(orderStream('o-1'), 5, refusal as WrongExpectedVersionError),
      ).toMatchObject({
        actualVersion: 0,
      });
    });

    it('keeps checkpoint streams at maxCount 1', async () => {
      const streamPrefix = `so-test-${randomUUID()}-`;
      const store = getEventStoreDbEventStore(client, { streamPrefix });
      await store.appendBatch([], [{ name: 'replay', value: 't-1' }]);
      expect(
        (await client.getStreamMetadata(`${streamPrefix}checkpoint-replay`)).metadata,
      ).toMatchObject({ maxCount: 1 });
      await store.close();
    });
  });
}
