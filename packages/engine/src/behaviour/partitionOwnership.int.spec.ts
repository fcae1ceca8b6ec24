import { getPaperExchange } from '@smart-orders/exchange-paper';
import {
  acquirePartition,
  createEngine,
  getInMemoryEventStore,
  isLeaseLost,
  LeaseHeld,
  ownedExchange,
  ownedStore,
  readLease,
  type EventStore,
  type Exchange,
  type PartitionOwnership,
} from '@smart-orders/engine';
import { order, tick } from './venues.spec.helper';

const LEASE_MS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A paper exchange that counts what reaches it. */
const counted = (): { exchange: Exchange; sent: string[] } => {
  const paper = getPaperExchange();
  const sent: string[] = [];
  const exchange = Object.create(paper, {
    place: {
      value: (request: Parameters<Exchange['place']>[0]) => {
        sent.push(request.clientOrderId);
        return paper.place(request);
      },
    },
  }) as Exchange;
  return { exchange, sent };
};

/** An owner that took the lease and then stopped renewing: killed, or paused on its own clock. */
const silentOwner = (store: EventStore, now?: () => number): Promise<PartitionOwnership> =>
  acquirePartition({
    store,
    key: 'acct',
    engineId: 'a',
    durationMs: LEASE_MS,
    renewMs: 60_000,
    ...(now === undefined ? {} : { now }),
  });

const owners: PartitionOwnership[] = [];
afterEach(async () => {
  await Promise.all(owners.splice(0).map((o) => o.release().catch(() => undefined)));
});

const take = (
  store: EventStore,
  engineId: string,
  options: { standby?: boolean; onWaiting?: (holder: string) => void } = {},
): Promise<PartitionOwnership> =>
  acquirePartition({
    store,
    key: 'acct',
    engineId,
    durationMs: LEASE_MS,
    renewMs: 30,
    ...(options.standby === undefined ? {} : { standby: options.standby }),
    onWaiting: (l) => options.onWaiting?.(`${l.holder}@${l.epoch}`),
  }).then((o) => {
    owners.push(o);
    return o;
  });

describe('an engine owning its partition by a lease', () => {
  it('a standby waits, visibly, for as long as the owner renews, and takes the lease at once when it is released', async () => {
    const store = getInMemoryEventStore();
    const a = await take(store, 'a');
    const waited: string[] = [];
    let tookAt: number | null = null;
    const standby = take(store, 'b', { standby: true, onWaiting: (h) => waited.push(h) });
    void standby.then(() => (tookAt = Date.now()));
    await sleep(3 * LEASE_MS);
    expect(tookAt).toBeNull();
    expect(waited).toEqual(['a@1']);
    const released = Date.now();
    await a.release();
    const b = await standby;
    expect(Date.now() - released).toBeLessThan(200);
    expect(b.current().epoch).toBe(2);
    expect(a.holds()).toBe(false);
  });

  it('after the owner dies (no renewal, no release), the standby owns the partition within the lease plus one renewal', async () => {
    const store = getInMemoryEventStore();
    const dead = await silentOwner(store);
    owners.push(dead);
    const lastWrite = Date.now();
    const b = await take(store, 'b', { standby: true });
    const took = Date.now() - lastWrite;
    expect(b.current()).toMatchObject({ engineId: 'b', epoch: 2 });
    // Never before the dead owner's lease ends; after it, one renewal period plus a loaded
    // machine's timer delays.
    expect(took).toBeGreaterThanOrEqual(LEASE_MS - 5);
    expect(took).toBeLessThan(LEASE_MS + 30 + 1_000);
    expect((await readLease(store, 'acct')).state).toMatchObject({ holder: 'b', epoch: 2 });
  });

  it('an engine started without --standby beside a live owner is refused within a few renewals; beside a dead one it waits the lease out and takes it', async () => {
    const store = getInMemoryEventStore();
    await take(store, 'a');
    await expect(take(store, 'c')).rejects.toBeInstanceOf(LeaseHeld);

    const other = getInMemoryEventStore();
    owners.push(await silentOwner(other));
    const c = await acquirePartition({
      store: other,
      key: 'acct',
      engineId: 'c',
      durationMs: LEASE_MS,
    });
    owners.push(c);
    expect(c.current().epoch).toBe(2);
  });

  it('an owner paused past its lease and resumed (its clock says it still holds it) has its batch refused by the store, sends nothing, and steps down', async () => {
    const store = getInMemoryEventStore();
    const frozen = Date.now();
    const paused = await silentOwner(store, () => frozen);
    owners.push(paused);
    await take(store, 'b', { standby: true });
    const { exchange, sent } = counted();
    const engine = createEngine({
      store: ownedStore(store, paused),
      exchange: ownedExchange(exchange, paused),
    });
    await engine.start();
    const before = (await store.readAll(0)).length;
    const error: unknown = await engine.process({ commands: [order()], tick: tick(10, 100) }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isLeaseLost(error)).toBe(true);
    expect(String((error as Error).message)).toContain('another engine took the partition over');
    await expect(paused.lost).rejects.toBeInstanceOf(Error);
    expect(paused.holds()).toBe(false);
    expect((await store.readAll(0)).length).toBe(before);
    expect(sent).toEqual([]);
  });

  it('an owner whose lease ran out on its own clock refuses to write or send before asking the store', async () => {
    const store = getInMemoryEventStore();
    const expired = await silentOwner(store);
    owners.push(expired);
    await sleep(LEASE_MS + 20);
    const { exchange, sent } = counted();
    expect(() => expired.fence()).toThrow(/lease-acct: lost \(ran out at/);
    const placed = await ownedExchange(exchange, expired).place({
      clientOrderId: 'x-1',
      symbol: 'BTC/USDT',
      side: 'BUY',
      type: 'MARKET',
      quantity: 1,
      ts: 1,
    } as Parameters<Exchange['place']>[0]);
    expect(placed).toMatchObject({ _tag: 'Left', left: { code: 'NETWORK' } });
    expect(sent).toEqual([]);
  });

  it('a renewal that finds the lease taken over loses it at once, and says so once', async () => {
    const store = getInMemoryEventStore();
    const frozen = Date.now();
    const losses: string[] = [];
    const a = await acquirePartition({
      store,
      key: 'acct',
      engineId: 'a',
      durationMs: LEASE_MS,
      renewMs: 40,
      now: () => frozen,
      onLost: (l) => losses.push(l.reason),
    });
    owners.push(a);
    // Another engine takes over as if a's lease had run out (a's clock is stuck, not the world's).
    const b = await acquirePartition({
      store,
      key: 'acct',
      engineId: 'b',
      durationMs: LEASE_MS,
      now: () => frozen + LEASE_MS,
    });
    owners.push(b);
    await expect(a.lost).rejects.toThrow(/taken over/);
    await sleep(100);
    expect(losses).toHaveLength(1);
  });
});
