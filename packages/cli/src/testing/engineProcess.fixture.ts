import { appendFileSync } from 'node:fs';
import { createEngine, type Exchange } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { readPlan, readTicks } from '@smart-orders/replay-files';
import { getPostgresEventStore } from '@smart-orders/store-postgres';

/**
 * One engine process on a shared PostgreSQL store, for the two-engines test. It trades like a
 * live engine (intent committed, then sent): every order it sends is logged to a file, with
 * its process id, so the test can prove that no client order id was ever sent twice.
 * It prints `ready` once started and waits for a line on stdin before it feeds the ticks.
 * Usage: node engineProcess.fixture.js STORE_URL TICKS SYMBOL SENT_LOG [PLAN]
 */
const [storeUrl, ticksFile, symbol, sentLog, planFile] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string | undefined,
];

const main = async (): Promise<void> => {
  const store = await getPostgresEventStore(storeUrl);
  const paper = getPaperExchange();
  const exchange: Exchange = {
    ...paper,
    place: (request) => {
      appendFileSync(
        sentLog,
        `${JSON.stringify({ pid: process.pid, clientOrderId: request.clientOrderId, ts: request.ts })}\n`,
      );
      return paper.place(request);
    },
  };
  // The setup run (with a plan) fills the entries in process, so the racers start with no
  // exchange order in flight: two engines recovering the same intents against two separate
  // books would be a failover without ownership, which docs/scaling.md rules out.
  const engine = createEngine({
    store,
    exchange: planFile === undefined ? exchange : paper,
    maxConflictRetries: 50,
  });
  await engine.start();
  // Both racers start (and finish recovery) before either sees a tick: the race is on the ticks.
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const ticks = await readTicks(ticksFile, { symbol });
  if (ticks._tag === 'Left') throw new Error(ticks.left.message);
  if (planFile !== undefined) {
    const plan = await readPlan(planFile);
    if (plan._tag === 'Left') throw new Error(plan.left.message);
    await engine.process({
      commands: plan.right.orders.map((o) => ({ ...o.command, ts: ticks.right.ticks[0]?.ts ?? 0 })),
    });
  }
  for (const tick of planFile === undefined ? ticks.right.ticks : ticks.right.ticks.slice(0, 1)) {
    await engine.process({ tick });
  }
  await engine.stop();
  await store.close();
};

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
