import {
  fenceOf,
  orderStream,
  takeLease,
  type EventStore,
  type HeldLease,
} from '@smart-orders/engine';
import { isRight } from 'fp-ts/Either';
import { Pool } from 'pg';
import { migrate } from './migrate';
import { postgresEventStore } from './postgresEventStore';
import { storeTables, type StoreTables } from './storeTables';
import { describeWithPostgres, dropSchema, uniqueSchema } from './testing/describeWithPostgres';

const TS = 1_700_000_000_000;
const MS = 10_000;
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));
const isPending = async (promise: Promise<unknown>): Promise<boolean> =>
  Promise.race([
    promise.then(
      () => false,
      () => false,
    ),
    sleep(300).then(() => true),
  ]);

/** A transaction held open at its commit until the test lets it go. */
const heldCommit = () => {
  let reached: () => void = () => undefined;
  let release: () => void = () => undefined;
  let armed = false;
  const atCommit = new Promise<void>((resolve) => (reached = resolve));
  const released = new Promise<void>((resolve) => (release = resolve));
  return {
    hook: async (): Promise<void> => {
      if (!armed) return;
      reached();
      await released;
    },
    arm: () => (armed = true),
    atCommit,
    release: () => release(),
  };
};

const held = (result: Awaited<ReturnType<typeof takeLease>>): HeldLease => {
  if (!isRight(result)) throw new Error(result.left.message);
  return result.right;
};

const batch = (store: EventStore, lease: HeldLease, tag: string) =>
  store.appendBatch(
    [
      {
        stream: orderStream('o-1'),
        expectedVersion: 'any',
        events: [{ type: 'T', ts: TS, data: { tag } }],
      },
    ],
    [],
    fenceOf(lease),
  );

describeWithPostgres('PostgreSQL lease fencing against a take-over in flight', (server) => {
  let tables: StoreTables;
  const stores: EventStore[] = [];
  const open = async (beforeCommit?: () => Promise<void>): Promise<EventStore> => {
    const pool = new Pool({ connectionString: server.url(), max: 5 });
    pool.on('error', () => undefined);
    await migrate(pool, tables);
    const store = postgresEventStore(pool, { connectionString: server.url() }, tables, {
      notify: false,
      pollIntervalMs: 50,
      beforeCommit,
    });
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    tables = storeTables(uniqueSchema('fence'));
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await dropSchema(server.url(), tables.schema);
  });

  it('a take-over waits for the old owner`s batch in flight; the old owner`s next batch is refused', async () => {
    const gate = heldCommit();
    const owner = await open(gate.hook);
    const standby = await open();
    const lease = held(await takeLease(owner, 'acct-1', 'engine-a', TS, MS));
    gate.arm();
    const inFlight = batch(owner, lease, 'in flight');
    await gate.atCommit;
    const takeOver = takeLease(standby, 'acct-1', 'engine-b', TS + MS, MS);
    expect(await isPending(takeOver)).toBe(true);
    gate.release();
    expect(isRight(await inFlight)).toBe(true);
    expect(held(await takeOver).epoch).toBe(2);
    await expect(batch(owner, lease, 'late')).rejects.toMatchObject({
      code: 'STALE_LEASE_EPOCH',
      currentEpoch: 2,
    });
    expect((await standby.readStream(orderStream('o-1'))).map((e) => e.data)).toEqual([
      { tag: 'in flight' },
    ]);
  }, 20_000);

  it('a batch of the old owner that starts while a take-over commits waits for it, then is refused', async () => {
    const gate = heldCommit();
    const owner = await open();
    const standby = await open(gate.hook);
    const lease = held(await takeLease(owner, 'acct-1', 'engine-a', TS, MS));
    gate.arm();
    const takeOver = takeLease(standby, 'acct-1', 'engine-b', TS + MS, MS);
    await gate.atCommit;
    const late = batch(owner, lease, 'late');
    expect(await isPending(late)).toBe(true);
    gate.release();
    expect(held(await takeOver).epoch).toBe(2);
    await expect(late).rejects.toMatchObject({
      code: 'STALE_LEASE_EPOCH',
      epoch: 1,
      currentEpoch: 2,
    });
    expect(await standby.readStream(orderStream('o-1'))).toEqual([]);
  }, 20_000);
});
