import { AccessDeniedError, UnavailableError } from '@eventstore/db-client';
import { accountStream, orderStream, type NewEvent, type StoredEvent } from '@smart-orders/engine';
import { isRight } from 'fp-ts/Either';
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

describe('subscribeAll on a fake server', () => {
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
        prefixes: ['run-3-smart-order-', 'run-3-account-', 'run-3-lease-'],
      }),
      expect.objectContaining({
        filterOn: 'streamName',
        prefixes: ['run-3-smart-order-', 'run-3-account-', 'run-3-lease-'],
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
