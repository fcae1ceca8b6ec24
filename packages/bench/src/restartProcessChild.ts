import { createEngine, type EventStore } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getPostgresEventStore } from '@smart-orders/store-postgres';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import type { ChildSpec, RestartMessage, RestartSpec, RestartStore } from './restartProcess';
import { collect } from './timing';

/**
 * The child of `restartProcess.ts`: one restart of an engine from the store it is given (or one
 * read of its log alone), then its figures to the parent, and out. Argument: the `ChildSpec`
 * as JSON.
 */
const spec = JSON.parse(process.argv[2] ?? '') as ChildSpec;

/** The page a rebuild reads the log in (`rebuild.ts` in the engine). */
const REBUILD_PAGE = 2_000;
/** Resolves once the message is handed to the channel, so that the process may end. */
const say = (m: RestartMessage): Promise<void> =>
  new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(m, () => resolve());
  });

const open = async (store: RestartStore): Promise<EventStore> =>
  store.kind === 'sqlite'
    ? getSqliteEventStore(store.path)
    : getPostgresEventStore(store.url, { schema: store.schema });

/** The heap in use after two full collections: the second finishes what the first left to sweep. */
const heapUsed = (): number => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};

/** The log read as the rebuild reads it, in pages, each event's data parsed, nothing folded. */
const readAlone = async (store: RestartStore): Promise<void> => {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const opened = await open(store);
  let events = 0;
  let after = 0;
  for (;;) {
    const page = await opened.readAll(after, REBUILD_PAGE);
    for (const event of page) after = event.position;
    events += page.length;
    if (page.length < REBUILD_PAGE) break;
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  await opened.close();
  await say({ type: 'read', wallSeconds, cpuSeconds: (used.user + used.system) / 1e6, events });
};

const restart = async (spec: RestartSpec): Promise<void> => {
  const heapBefore = heapUsed();
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const store = await open(spec.store);
  const engine = createEngine({
    store,
    exchange: getPaperExchange(),
    bookSnapshots: spec.snapshots ?? true,
  });
  await engine.start();
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const openOrders = engine.openOrderCount;
  const heapAfter = heapUsed();
  let firstTickMs: number | null = null;
  if (spec.firstTick !== undefined) {
    const tickStarted = process.hrtime.bigint();
    await engine.tick(spec.firstTick);
    firstTickMs = Number(process.hrtime.bigint() - tickStarted) / 1e6;
  }
  await engine.stop();
  await store.close();
  await say({
    type: 'restarted',
    wallSeconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    openOrders,
    heapBytesPerOrder: openOrders === 0 ? 0 : (heapAfter - heapBefore) / openOrders,
    firstTickMs,
  });
};

const main = (): Promise<void> => ('readAlone' in spec ? readAlone(spec.store) : restart(spec));

main().then(
  () => process.disconnect(),
  // A store left open by the failure would keep the process alive: it ends here.
  async (e: unknown) => {
    await say({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    process.exit(1);
  },
);
