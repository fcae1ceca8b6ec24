import {
  fenceOf,
  takeLease,
  type AppendToStream,
  type EventStore,
  type HeldLease,
} from '@smart-orders/engine';
import { getPostgresEventStore, migrations } from '@smart-orders/store-postgres';
import { storeTables } from '@smart-orders/store-postgres/testing';
import { isLeft } from 'fp-ts/Either';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { postgresServerCpu, type ServerCpuMeter } from './postgresServerCpu';

/**
 * Engines of distinct partitions appending to one PostgreSQL store at once, under the appends of
 * store-postgres: migration 1 (every append takes the `log_head` row first and holds it until
 * commit), migration 3 (an append checks its fence and its own streams first, side by side with
 * other partitions' appends, and takes `log_head` last, headTakenLast.ts), with a lease fence,
 * as a partition's owner appends, and without; and migration 5's transaction order (no lock
 * common to partitions, transactionOrder.ts), fenced. Each engine has its own connection and
 * appends one batch after the other, as the engine does a tick: `ORDERS` order streams of its
 * partition, one event each at its exact expected version, and a checkpoint.
 */
export type Scheme =
  | 'log_head taken first (v1)'
  | 'log_head taken last (v3), fenced'
  | 'log_head taken last (v3), no fence'
  | 'transaction order (v5), fenced';

const SCHEMES: readonly Scheme[] = [
  'log_head taken first (v1)',
  'log_head taken last (v3), fenced',
  'log_head taken last (v3), no fence',
  'transaction order (v5), fenced',
];

export interface PartitionedAppendRate {
  readonly scheme: Scheme;
  readonly engines: number;
  /** Median of the repetitions. */
  readonly batchesPerSecond: number;
  /** The server's CPU (every PostgreSQL process) per batch, median; null when it cannot be read. */
  readonly serverCpuMsPerBatch: number | null;
  readonly samples: readonly {
    readonly batchesPerSecond: number;
    readonly serverCpuMsPerBatch: number | null;
  }[];
}

export interface PartitionedAppendOptions {
  /** Engine counts to measure, each with both schemes, interleaved. Default 1, 2, 4. */
  readonly engines?: readonly number[];
  /** How long each measurement appends. Default 2 s. */
  readonly seconds?: number;
  /** Measurements of each scheme and engine count, interleaved; the median is reported. Default 3. */
  readonly repetitions?: number;
  /** The appends to compare. Default all. */
  readonly schemes?: readonly Scheme[];
}

const ORDERS = 10;

/**
 * Every commit waits for its WAL flush, as on a server that keeps its data, whatever the
 * server's default (the throwaway test cluster turns it off); with `fsync` off the wait is nil.
 */
const connectionOf = (url: string) => ({
  connectionString: url,
  options: '-c synchronous_commit=on',
});
const TS = 1_700_000_000_000;

const event = (partition: number, order: number, tick: number) => ({
  type: 'TrailingStopMoved',
  ts: TS + tick * 100,
  data: {
    mark: 100 + tick * 0.01,
    stopPrice: 99 + tick * 0.01,
    clientOrderId: `p${partition}-${order}:sl:${tick}`,
  },
});

const streamOf = (partition: number, order: number): string => `smart-order-p${partition}-${order}`;

const tickAppends = (partition: number, tick: number): AppendToStream[] =>
  Array.from({ length: ORDERS }, (_, order) => ({
    stream: streamOf(partition, order),
    expectedVersion: tick === 0 ? 'no_stream' : tick,
    events: [event(partition, order, tick)],
  }));

/** One engine's appends under migration 1: the call that version of the store made, as it made it. */
const oldSchemeEngine = (url: string, schema: string, partition: number) => {
  const client = new Client(connectionOf(url));
  let tick = 0;
  return {
    open: () => client.connect(),
    append: async (): Promise<void> => {
      const streams = Array.from({ length: ORDERS }, (_, order) => streamOf(partition, order));
      const data = streams.map((_, order) => JSON.stringify(event(partition, order, tick).data));
      await client.query(
        `SELECT "${schema}".append_batch($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          streams,
          streams.map(() => 1),
          streams.map(() => tick),
          streams,
          streams.map(() => 1),
          streams.map(() => TS + tick * 100),
          streams.map(() => 'TrailingStopMoved'),
          `[${data.join(',')}]`,
          [`engine-${partition}`],
          [String(tick)],
          null,
        ],
      );
      tick += 1;
    },
    close: () => client.end(),
  };
};

/** One engine's appends under migration 3: the store itself, with its lease fence or without. */
const newSchemeEngine = (url: string, schema: string, partition: number, fenced: boolean) => {
  let store: EventStore | null = null;
  let lease: HeldLease | null = null;
  let tick = 0;
  return {
    open: async (): Promise<void> => {
      store = await getPostgresEventStore(connectionOf(url), { schema, notify: false });
      const taken = await takeLease(store, `p${partition}`, `engine-${partition}`, TS, 3_600_000);
      if (isLeft(taken)) throw new Error(taken.left.message);
      lease = taken.right;
    },
    append: async (): Promise<void> => {
      if (store === null || lease === null) throw new Error('engine not open');
      const result = await store.appendBatch(
        tickAppends(partition, tick),
        [{ name: `engine-${partition}`, value: String(tick) }],
        fenced ? fenceOf(lease) : undefined,
      );
      if (isLeft(result)) throw new Error(result.left.message);
      tick += 1;
    },
    close: async (): Promise<void> => store?.close(),
  };
};

const admin = async <A>(url: string, run: (client: Client) => Promise<A>): Promise<A> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
};

const prepareSchema = async (url: string, scheme: Scheme): Promise<string> => {
  const schema = `bench_part_${randomBytes(4).toString('hex')}`;
  if (scheme !== 'log_head taken first (v1)') {
    // The engines open it without the option: a schema keeps the order it was created with.
    const globalOrder = scheme === 'transaction order (v5), fenced' ? 'transaction' : 'log-head';
    await (await getPostgresEventStore(url, { schema, notify: false, globalOrder })).close();
    return schema;
  }
  const v1 = migrations.find((m) => m.version === 1);
  if (v1 === undefined) throw new Error('store-postgres has no migration 1');
  await admin(url, (c) => c.query(`CREATE SCHEMA "${schema}"; ${v1.sql(storeTables(schema))}`));
  return schema;
};

const measureOne = async (
  url: string,
  scheme: Scheme,
  engines: number,
  seconds: number,
  cpu: ServerCpuMeter | null,
): Promise<Sample> => {
  const schema = await prepareSchema(url, scheme);
  const all = Array.from({ length: engines }, (_, partition) =>
    scheme === 'log_head taken first (v1)'
      ? oldSchemeEngine(url, schema, partition)
      : newSchemeEngine(url, schema, partition, scheme !== 'log_head taken last (v3), no fence'),
  );
  try {
    for (const engine of all) await engine.open();
    for (const engine of all) await engine.append(); // warm: plans cached, streams created
    let batches = 0;
    const cpuBefore = cpu?.() ?? 0;
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(Math.round(seconds * 1e9));
    await Promise.all(
      all.map(async (engine) => {
        while (process.hrtime.bigint() < deadline) {
          await engine.append();
          batches += 1;
        }
      }),
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    const serverCpu = cpu === null ? null : cpu() - cpuBefore;
    return {
      batchesPerSecond: batches / elapsed,
      serverCpuMsPerBatch: serverCpu === null ? null : (serverCpu * 1000) / batches,
    };
  } finally {
    for (const engine of all) await engine.close();
    await admin(url, (c) => c.query(`DROP SCHEMA "${schema}" CASCADE`));
  }
};

type Sample = PartitionedAppendRate['samples'][number];

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

/**
 * Every scheme at every engine count, repeated; each round measures all of them one after the
 * other, so that a busy moment of a shared machine falls on all of them alike.
 */
export const measurePartitionedAppends = async (
  url: string,
  options: PartitionedAppendOptions = {},
): Promise<PartitionedAppendRate[]> => {
  const cpu = await postgresServerCpu(url);
  const cases = (options.engines ?? [1, 2, 4]).flatMap((engines) =>
    (options.schemes ?? SCHEMES).map((scheme) => ({ scheme, engines, samples: [] as Sample[] })),
  );
  for (let round = 0; round < (options.repetitions ?? 3); round += 1) {
    for (const c of cases)
      c.samples.push(await measureOne(url, c.scheme, c.engines, options.seconds ?? 2, cpu));
  }
  return cases.map(({ scheme, engines, samples }) => {
    const cpuSamples = samples.flatMap((s) =>
      s.serverCpuMsPerBatch === null ? [] : [s.serverCpuMsPerBatch],
    );
    return {
      scheme,
      engines,
      batchesPerSecond: median(samples.map((s) => s.batchesPerSecond)),
      serverCpuMsPerBatch: cpuSamples.length === 0 ? null : median(cpuSamples),
      samples,
    };
  });
};
