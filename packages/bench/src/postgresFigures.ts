import type { AppendToStream, EventStore } from '@smart-orders/engine';
import { getPostgresEventStore } from '@smart-orders/store-postgres';
import { isLeft } from 'fp-ts/Either';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Figures of the PostgreSQL store, each measured in a schema of its own that is dropped afterwards. */
export interface AppendRate {
  readonly ticks: number;
  readonly eventsPerTick: number;
  readonly events: number;
  readonly seconds: number;
  /** CPU time of this process (the client) while appending. */
  readonly cpuSeconds: number;
  readonly eventsPerSecond: number;
}

export interface FullRead {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export interface AppendRateOptions {
  readonly ticks?: number;
  /** Orders that change on every tick: one event each, on its own stream. */
  readonly ordersPerTick?: number;
}

const TS = 1_700_000_000_000;

/** What a trailing stop writes on most ticks: small, like the bulk of a real log. */
const tickAppends = (tick: number, orders: number): AppendToStream[] =>
  Array.from({ length: orders }, (_, order) => ({
    stream: `smart-order-bench-${order}`,
    expectedVersion: tick,
    events: [
      {
        type: 'TrailingStopMoved',
        ts: TS + tick * 100,
        data: {
          mark: 100 + tick * 0.01,
          stopPrice: 99 + tick * 0.01,
          clientOrderId: `bench-${order}:sl:${tick}`,
        },
      },
    ],
  }));

const withSchema = async <A>(
  url: string,
  measure: (store: EventStore) => Promise<A>,
): Promise<A> => {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const store = await getPostgresEventStore(url, { schema, notify: false });
  try {
    return await measure(store);
  } finally {
    await store.close();
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    await client.end();
  }
};

const appendTicks = async (
  store: EventStore,
  ticks: number,
  orders: number,
  firstTick = 0,
): Promise<void> => {
  for (let tick = firstTick; tick < firstTick + ticks; tick += 1) {
    const result = await store.appendBatch(tickAppends(tick, orders), [
      { name: 'replay', value: String(TS + tick * 100) },
    ]);
    if (isLeft(result)) throw new Error(`bench append refused: ${result.left.message}`);
  }
};

/**
 * Events per second appended grouped per tick (one transaction per tick, every order's stream
 * checked against its expected version, a replay checkpoint saved with it), one tick after the
 * other as the engine does.
 */
export const measurePostgresAppendRate = (
  url: string,
  options: AppendRateOptions = {},
): Promise<AppendRate> => {
  const ticks = options.ticks ?? 1_000;
  const eventsPerTick = options.ordersPerTick ?? 100;
  return withSchema(url, async (store) => {
    await appendTicks(store, 5, eventsPerTick);
    const cpu = process.cpuUsage();
    const started = process.hrtime.bigint();
    await appendTicks(store, ticks, eventsPerTick, 5);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const events = ticks * eventsPerTick;
    return {
      ticks,
      eventsPerTick,
      events,
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      eventsPerSecond: events / seconds,
    };
  });
};

/** Time to read the whole log of `events` events with `readAll(0)`. */
export const measurePostgresFullRead = (url: string, events = 300_000): Promise<FullRead> =>
  withSchema(url, async (store) => {
    const orders = 1_000;
    await appendTicks(store, Math.ceil(events / orders), orders);
    const started = process.hrtime.bigint();
    const read = await store.readAll(0);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { events: read.length, seconds, eventsPerSecond: read.length / seconds };
  });
