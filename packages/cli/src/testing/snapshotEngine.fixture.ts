import { createEngine } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { snapshotTick } from './snapshotBook';

/**
 * An engine on a SQLite file that starts from the file's snapshot and log, then feeds the
 * test's prices from tick `FROM` on, for ever, printing how many it fed: the test kills it with
 * SIGKILL mid-way, so it never stops cleanly and writes no snapshot.
 * Usage: node snapshotEngine.fixture.js DB FROM
 */
const [path, from] = process.argv.slice(2) as [string, string];

const main = async (): Promise<void> => {
  const store = getSqliteEventStore(path);
  const engine = createEngine({ store, exchange: getPaperExchange(), unpackedOrders: 3 });
  await engine.start();
  for (let n = Number(from); ; n++) {
    await engine.tick(snapshotTick(n));
    process.stdout.write(`ticked ${n}\n`);
  }
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
