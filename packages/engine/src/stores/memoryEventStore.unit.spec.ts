import { isRight } from 'fp-ts/Either';
import { orderStream, type StoredEvent } from '../ports/eventStore';
import { getInMemoryEventStore } from './memoryEventStore';

// The shared contract runs against this store in @smart-orders/testkit (memoryEventStore.unit.spec.ts);
// these are the memory store's own promises.
describe('in-memory event store', () => {
  const stream = orderStream('o-1');

  it('keeps a JSON copy: changing the appended data afterwards changes nothing stored', async () => {
    const store = getInMemoryEventStore();
    const data = { price: 100, skipped: undefined, levels: [1] };
    await store.appendBatch([
      { stream, expectedVersion: 'no_stream', events: [{ type: 'A', ts: 1, data }] },
    ]);
    data.levels.push(2);
    data.price = 200;
    expect((await store.readStream(stream))[0]?.data).toEqual({ price: 100, levels: [1] });
    expect(Object.keys((await store.readStream(stream))[0]?.data as object)).toEqual([
      'price',
      'levels',
    ]);
  });

  it('writes nothing when data cannot be serialised, and says why', async () => {
    const store = getInMemoryEventStore();
    await expect(
      store.appendBatch([
        {
          stream: orderStream('o-2'),
          expectedVersion: 'any',
          events: [{ type: 'A', ts: 1, data: {} }],
        },
        { stream, expectedVersion: 'any', events: [{ type: 'A', ts: 1, data: { big: 1n } }] },
      ]),
    ).rejects.toThrow(/BigInt/);
    expect(await store.readAll(0)).toEqual([]);
  });

  it('delivers in order, one event at a time, to an observer that appends from inside next', async () => {
    const store = getInMemoryEventStore();
    const seen: number[] = [];
    let depth = 0;
    let deepest = 0;
    store.subscribeAll(0).subscribe((event: StoredEvent) => {
      depth += 1;
      deepest = Math.max(deepest, depth);
      seen.push(event.position);
      if (event.position < 5) {
        void store.appendBatch([
          { stream, expectedVersion: 'any', events: [{ type: 'A', ts: 1, data: {} }] },
        ]);
      }
      depth -= 1;
    });
    const first = await store.appendBatch([
      { stream, expectedVersion: 'no_stream', events: [{ type: 'A', ts: 1, data: {} }] },
    ]);
    expect(isRight(first)).toBe(true);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(deepest).toBe(1);
  });

  it('completes its subscriptions and refuses work once closed', async () => {
    const store = getInMemoryEventStore();
    let completed = false;
    store.subscribeAll(0).subscribe({ complete: () => (completed = true) });
    await store.close();
    expect(completed).toBe(true);
    await expect(store.readAll(0)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });
});
