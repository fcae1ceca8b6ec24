import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
} from '@smart-orders/store-postgres/testing';
import {
  engineTicksPerSecond,
  engineVersusBare,
  restartFigures,
  tickToIntentLatency,
  withTempDir,
} from './engineFigures';
import { compareWithEmmett } from './emmettComparison';
import { measurePostgresAppendRate } from './postgresFigures';
import { postgresRestartSeconds } from './postgresRestart';
import { printTable, type Figure } from './report';
import { measureSqliteAppendRate } from './sqliteAppendRate';
import { measureTickCost } from './tickCost';

/**
 * `npm run bench`: every figure of docs/performance.md, measured in one run, each beside the
 * baseline it is judged against. Prints a table and writes the JSON to bench-results/.
 */
const repo = resolve(__dirname, '../../..');
const eth = {
  file: join(repo, 'examples/data/binance-spot_ETHUSDT_trades_20240809.csv'),
  symbol: 'ETH/USDT',
  mid: 2680,
};

const main = async (): Promise<void> => {
  const figures: Figure[] = [];
  const add = (f: Figure): void => {
    figures.push(f);
    process.stderr.write(`  ${f.name}: ${f.value.toFixed(3)} ${f.unit}\n`);
  };
  process.stderr.write('measuring (this takes a few minutes)…\n');

  const cost = measureTickCost();
  add({
    name: 'core: one tick against one order, nothing moves',
    value: cost.nsPerTickNoTrigger,
    unit: 'ns',
  });
  add({
    name: 'core: one tick against one order, trailing raised',
    value: cost.nsPerTickTrailingRaise,
    unit: 'ns',
  });

  // A warm-up, so that the first measured figure does not pay for the JIT.
  await engineTicksPerSecond(1_000, eth);

  const small = await engineTicksPerSecond(1_000, eth);
  const large = await engineTicksPerSecond(100_000, eth);
  add({
    name: 'ticks/s, 1k open orders (SQLite, paper)',
    value: small.ticksPerSecond,
    unit: 'ticks/s',
  });
  add({
    name: 'ticks/s, 100k open orders (SQLite, paper)',
    value: large.ticksPerSecond,
    unit: 'ticks/s',
  });
  add({
    name: 'ratio 100k / 1k',
    value: large.ticksPerSecond / small.ticksPerSecond,
    unit: '×',
    target: '≥ 0.5',
    pass: large.ticksPerSecond / small.ticksPerSecond >= 0.5,
  });

  const versus = await engineVersusBare(10_000, eth);
  add({ name: 'ticks/s, bare read + dispatch', value: versus.bare, unit: 'ticks/s' });
  add({
    name: 'ticks/s, read + engine with 10k open orders',
    value: versus.engine,
    unit: 'ticks/s',
  });
  add({
    name: 'ratio engine 10k / bare',
    value: versus.engine / versus.bare,
    unit: '×',
    target: '≥ 0.25',
    pass: versus.engine / versus.bare >= 0.25,
  });

  const latency = await tickToIntentLatency(10_000, 2_000);
  add({ name: 'tick-to-intent latency p50 (SQLite)', value: latency.engineP50, unit: 'ms' });
  add({ name: 'tick-to-intent latency p99 (SQLite)', value: latency.engineP99, unit: 'ms' });
  add({ name: 'bare SQLite commit latency p99', value: latency.bareP99, unit: 'ms' });
  add({
    name: 'ratio latency p99 / bare commit p99',
    value: latency.engineP99 / latency.bareP99,
    unit: '×',
    target: '≤ 2',
    pass: latency.engineP99 / latency.bareP99 <= 2,
  });

  const appends = await withTempDir((dir) => measureSqliteAppendRate(join(dir, 'append.sqlite')));
  add({
    name: 'SQLite events appended/s (grouped per tick)',
    value: appends.eventsPerSecond,
    unit: 'events/s',
    target: '≥ 100,000',
    pass: appends.eventsPerSecond >= 100_000,
  });
  add({
    name: 'SQLite events appended per CPU-second',
    value: appends.events / appends.cpuSeconds,
    unit: 'events/s',
  });

  const restart = await restartFigures(100_000, eth);
  add({
    name: `restart with ${restart.openOrders} open orders (SQLite)`,
    value: restart.restartSeconds,
    unit: 's',
    target: '≤ 3',
    pass: restart.restartSeconds <= 3,
  });
  add({
    name: 'engine heap per open order',
    value: restart.heapBytesPerOrder,
    unit: 'bytes',
    target: '≤ 2048',
    pass: restart.heapBytesPerOrder <= 2048,
  });

  const noPostgres = whyNoThrowawayPostgres();
  if (noPostgres === null) {
    const pg = await startThrowawayPostgres();
    try {
      const rate = await measurePostgresAppendRate(pg.url);
      add({
        name: 'PostgreSQL events appended/s (grouped per tick)',
        value: rate.eventsPerSecond,
        unit: 'events/s',
        target: '≥ 30,000',
        pass: rate.eventsPerSecond >= 30_000,
      });
      const restartPg = await postgresRestartSeconds(pg.url);
      add({
        name: `restart with ${restartPg.openOrders} open orders (PostgreSQL)`,
        value: restartPg.restartSeconds,
        unit: 's',
        target: '≤ 10',
        pass: restartPg.restartSeconds <= 10,
      });
      const cmp = await compareWithEmmett(pg.url, {
        streams: 200,
        eventsPerStream: 50,
        streamsPerTick: 100,
        rebuildEvents: 10_000,
      });
      add({
        name: 'PostgreSQL append, one stream per call: ours',
        value: cmp.ours.append.eventsPerSecond,
        unit: 'events/s',
      });
      add({
        name: 'PostgreSQL append, one stream per call: Emmett',
        value: cmp.emmett.append.eventsPerSecond,
        unit: 'events/s',
      });
      add({
        name: 'ratio ours / Emmett, append (same shape)',
        value: cmp.ratios.append,
        unit: '×',
        target: '≥ 1.5',
        pass: cmp.ratios.append >= 1.5,
      });
      add({
        name: 'ratio ours (batch per tick) / Emmett (per stream)',
        value: cmp.ratios.appendPerTick,
        unit: '×',
      });
      add({
        name: 'PostgreSQL rebuild of a 10k-event stream: ours',
        value: cmp.ours.rebuild.eventsPerSecond,
        unit: 'events/s',
      });
      add({
        name: 'PostgreSQL rebuild of a 10k-event stream: Emmett',
        value: cmp.emmett.rebuild.eventsPerSecond,
        unit: 'events/s',
      });
      add({
        name: 'ratio ours / Emmett, rebuild',
        value: cmp.ratios.rebuild,
        unit: '×',
        target: '≥ 1.5',
        pass: cmp.ratios.rebuild >= 1.5,
      });
    } finally {
      await pg.stop();
    }
  } else process.stderr.write(`  PostgreSQL figures skipped: ${noPostgres}\n`);

  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
  const result = { date: new Date().toISOString(), machine, figures };
  printTable(result);
  const dir = join(repo, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${result.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  process.stderr.write(`written to ${file}\n`);
};

main().catch((e: unknown) => {
  process.stderr.write(
    `bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
});
