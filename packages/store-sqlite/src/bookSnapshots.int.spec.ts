import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  orderStream,
  type BookSnapshotHeader,
  type BookSnapshots,
  type EventStore,
  type SnapshotOrder,
} from '@smart-orders/engine';
import { getSqliteEventStore } from './sqliteEventStore';

/** Reads the snapshot: its header and orders, or null. */
const readBack = async (snapshots: BookSnapshots, release: string) => {
  const orders: SnapshotOrder[] = [];
  let header: BookSnapshotHeader | null = null;
  const returned = await snapshots.read(release, {
    header: (h) => (header = h),
    order: (o) => orders.push(o),
  });
  return { returned, header, orders };
};

const appendOrderEvents = async (store: EventStore, orderId: string, count: number) => {
  const result = await store.appendBatch([
    {
      stream: orderStream(orderId),
      expectedVersion: 'any',
      events: Array.from({ length: count }, (_, i) => ({ type: 'X', ts: i, data: { i } })),
    },
  ]);
  if (result._tag === 'Left') throw new Error(result.left.message);
  return result.right.events.at(-1)?.position ?? 0;
};

// Bytes of every value, the ones UTF-8 would not keep as they are among them.
const BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');
const header = (position: number, orders: number): BookSnapshotHeader => ({
  position,
  release: 'r1',
  shapes: '[["a","b"]]',
  ended: '[["k","o-0"]]',
  markets: '[["ETH/USDT",{"tickSize":0.01}]]',
  orders,
});
const ORDERS: SnapshotOrder[] = [
  { orderId: 'o-2', seq: 1, state: BYTES, watch: 'ETH/USDT\u0001BUY' },
  { orderId: 'ö-1', seq: 4.5, state: 'packed', watch: '' },
];

describe('the SQLite store keeps one snapshot of the open book beside its log', () => {
  let dir: string;
  let store: EventStore;
  let snapshots: BookSnapshots;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-snapshot-'));
    store = getSqliteEventStore(join(dir, 'events.db'));
    snapshots = store.bookSnapshots as BookSnapshots;
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back what it was given, its states byte for byte and its orders in their order', async () => {
    const position = await appendOrderEvents(store, 'o-1', 3);
    const since = { foldedThrough: 0, orderEvents: 3 };
    expect(await snapshots.write(header(position, 2), ORDERS, since)).toBe(true);
    const back = await readBack(snapshots, 'r1');
    expect(back.returned).toEqual(header(position, 2));
    expect(back.header).toEqual(header(position, 2));
    expect(back.orders).toEqual(ORDERS);
  });

  it('keeps a book of several pages whole and in order', async () => {
    const position = await appendOrderEvents(store, 'o-1', 1);
    const many = Array.from({ length: 4_501 }, (_, i) => ({
      orderId: `o-${i}`,
      seq: i * 3,
      state: BYTES.slice(i % 256) + String(i),
      watch: `w${i}`,
    }));
    await snapshots.write(header(position, many.length), many, {
      foldedThrough: 0,
      orderEvents: 1,
    });
    expect((await readBack(snapshots, 'r1')).orders).toEqual(many);
  });

  it('keeps the latest snapshot only, and survives the store being reopened', async () => {
    const first = await appendOrderEvents(store, 'o-1', 2);
    await snapshots.write(header(first, 2), ORDERS, { foldedThrough: 0, orderEvents: 2 });
    const second = await appendOrderEvents(store, 'o-1', 1);
    const later = [{ orderId: 'o-3', seq: 9, state: 'x', watch: 'w' }];
    expect(
      await snapshots.write(header(second, 1), later, { foldedThrough: first, orderEvents: 1 }),
    ).toBe(true);
    await store.close();
    store = getSqliteEventStore(join(dir, 'events.db'));
    const back = await readBack(store.bookSnapshots as BookSnapshots, 'r1');
    expect(back.returned?.position).toBe(second);
    expect(back.orders).toEqual(later);
  });

  it('writes nothing when the log holds order events the book did not fold (another writer), and keeps the one before', async () => {
    const first = await appendOrderEvents(store, 'o-1', 2);
    await snapshots.write(header(first, 2), ORDERS, { foldedThrough: 0, orderEvents: 2 });
    await appendOrderEvents(store, 'o-9', 1); // another writer's
    const last = await appendOrderEvents(store, 'o-1', 1);
    expect(
      await snapshots.write(header(last, 0), [], { foldedThrough: first, orderEvents: 1 }),
    ).toBe(false);
    expect((await readBack(snapshots, 'r1')).returned?.position).toBe(first);
  });

  it('counts only order events: an account event of another writer does not stop a snapshot', async () => {
    const first = await appendOrderEvents(store, 'o-1', 1);
    await store.appendBatch([
      { stream: 'account-main', expectedVersion: 'any', events: [{ type: 'Y', ts: 0, data: {} }] },
    ]);
    const last = await appendOrderEvents(store, 'o-1', 1);
    expect(
      await snapshots.write(header(last, 2), ORDERS, { foldedThrough: first, orderEvents: 1 }),
    ).toBe(true);
  });

  it('refuses a header that does not count its orders, and writes nothing', async () => {
    const position = await appendOrderEvents(store, 'o-1', 1);
    await expect(
      snapshots.write(header(position, 3), ORDERS, { foldedThrough: 0, orderEvents: 1 }),
    ).rejects.toThrow('the header says 3 orders but 2 were given; nothing written');
    expect((await readBack(snapshots, 'r1')).returned).toBeNull();
  });

  it('reads nothing of a snapshot another release wrote, or of one past the end of the log', async () => {
    const position = await appendOrderEvents(store, 'o-1', 2);
    await snapshots.write(header(position, 2), ORDERS, { foldedThrough: 0, orderEvents: 2 });
    expect(await readBack(snapshots, 'r2')).toEqual({ returned: null, header: null, orders: [] });
    // A log that ends before the snapshot's position is not the log it was written from.
    await snapshots.write(header(position + 5, 2), ORDERS, { foldedThrough: 0, orderEvents: 2 });
    expect(await readBack(snapshots, 'r1')).toEqual({ returned: null, header: null, orders: [] });
  });
});
