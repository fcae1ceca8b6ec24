import type { AppendToStream, EventStore } from '@smart-orders/engine';
import { getPostgresEventStore } from '@smart-orders/store-postgres';
import { dropSchema } from '@smart-orders/store-postgres/testing';
import { isLeft } from 'fp-ts/Either';
import { randomBytes } from 'node:crypto';

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
    await dropSchema(url, schema);
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

/** Ticks a repetition appends in one turn: 2,500 events, 50–80 ms at this machine's rates. */
const TICKS_PER_TURN = 25;
/** Ticks appended to each schema before any clock starts: its tables and the statements warm. */
const WARM_TICKS = 5;

/**
 * Events per second appended grouped per tick (one transaction per tick, every order's stream
 * checked against its expected version, a replay checkpoint saved with it), one tick after the
 * other as the engine does: `repetitions` rates, each of `ticks` ticks into a schema of its own.
 * The repetitions take turns, `TICKS_PER_TURN` ticks each, the one that goes first changing
 * every round. One after the other, a slow stretch of the server, which shares the machine's two
 * cores with the bench, decided one repetition: 30,034 events/s where the other four ran at
 * 43k–49k (run 25, docs/performance.md).
 */
export const measurePostgresAppendRates = async (
  url: string,
  repetitions: number,
  options: AppendRateOptions = {},
): Promise<AppendRate[]> => {
  const ticks = options.ticks ?? 1_000;
  const eventsPerTick = options.ordersPerTick ?? 100;
  const schemas = Array.from(
    { length: repetitions },
    () => `bench_${randomBytes(5).toString('hex')}`,
  );
  const stores: EventStore[] = [];
  try {
    for (const schema of schemas)
      stores.push(await getPostgresEventStore(url, { schema, notify: false }));
    for (const store of stores) await appendTicks(store, WARM_TICKS, eventsPerTick);
    const spent = stores.map(() => ({ seconds: 0, cpuSeconds: 0 }));
    const last = WARM_TICKS + ticks;
    for (let from = WARM_TICKS, round = 0; from < last; from += TICKS_PER_TURN, round += 1) {
      const count = Math.min(TICKS_PER_TURN, last - from);
      const turns = [...stores.keys()];
      for (const r of round % 2 === 0 ? turns : turns.reverse()) {
        const cpu = process.cpuUsage();
        const started = process.hrtime.bigint();
        await appendTicks(stores[r] as EventStore, count, eventsPerTick, from);
        const used = process.cpuUsage(cpu);
        const window = spent[r] as { seconds: number; cpuSeconds: number };
        window.seconds += Number(process.hrtime.bigint() - started) / 1e9;
        window.cpuSeconds += (used.user + used.system) / 1e6;
      }
    }
    const events = ticks * eventsPerTick;
    return spent.map(({ seconds, cpuSeconds }) => ({
      ticks,
      eventsPerTick,
      events,
      seconds,
      cpuSeconds,
      eventsPerSecond: events / seconds,
    }));
  } finally {
    for (const store of stores) await store.close();
    for (const schema of schemas) await dropSchema(url, schema);
  }
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
