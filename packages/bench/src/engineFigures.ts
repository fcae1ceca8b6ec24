import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Subject } from 'rxjs';
import type { Tick } from '@smart-orders/core';
import { createEngine, type Engine, type EventStore } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { readTicks } from '@smart-orders/replay-files';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { orderMix } from './orderMix';
import { nowMs, percentile } from './stats';

export interface TickFileSpec {
  readonly file: string;
  readonly symbol: string;
  readonly mid: number;
}

const loadTicks = async (spec: TickFileSpec): Promise<readonly Tick[]> => {
  const read = await readTicks(spec.file, { symbol: spec.symbol });
  if (read._tag === 'Left') throw new Error(read.left.message);
  return read.right.ticks;
};

export const withTempDir = async <T>(fn: (dir: string) => Promise<T>): Promise<T> => {
  const dir = mkdtempSync(join(tmpdir(), 'smart-orders-bench-'));
  try {
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** An engine on SQLite holding `count` open orders of the realistic mix, entries filled. */
export const loadedEngine = async (
  store: EventStore,
  count: number,
  spec: TickFileSpec,
  first: Tick,
  active?: number,
): Promise<Engine> => {
  const engine = createEngine({ store, exchange: getPaperExchange() });
  await engine.start();
  const orders = orderMix(count, spec.symbol, spec.mid, active);
  for (let i = 0; i < orders.length; i += 10_000)
    await engine.process({ commands: orders.slice(i, i + 10_000) });
  await engine.tick(first);
  return engine;
};

/** Ticks per second through the engine, after the first tick filled the entries. */
export const engineTicksPerSecond = async (
  count: number,
  spec: TickFileSpec,
): Promise<{ ticksPerSecond: number; openOrders: number }> => {
  const ticks = await loadTicks(spec);
  return withTempDir(async (dir) => {
    const store = getSqliteEventStore(join(dir, 'bench.sqlite'));
    const engine = await loadedEngine(store, count, spec, ticks[0] as Tick);
    const openOrders = engine.openOrderCount;
    const t0 = nowMs();
    for (let i = 1; i < ticks.length; i++) await engine.tick(ticks[i] as Tick);
    const seconds = (nowMs() - t0) / 1000;
    await engine.stop();
    await store.close();
    return { ticksPerSecond: (ticks.length - 1) / seconds, openOrders };
  });
};

/**
 * The bare baseline: read the same tick file and dispatch every tick to a subscriber that
 * finds its symbol's handler; against it, the same reading with every tick through an engine
 * holding `count` open orders.
 */
export const engineVersusBare = async (
  count: number,
  spec: TickFileSpec,
): Promise<{ bare: number; engine: number }> => {
  const runs = 3;
  const bareRates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = nowMs();
    const ticks = await loadTicks(spec);
    const handlers = new Map<string, (t: Tick) => void>([[spec.symbol, () => undefined]]);
    const ticks$ = new Subject<Tick>();
    let seen = 0;
    ticks$.subscribe((t) => {
      handlers.get(t.symbol)?.(t);
      seen += 1;
    });
    for (const t of ticks) ticks$.next(t);
    bareRates.push(seen / ((nowMs() - t0) / 1000));
  }
  // Like the baseline, the best of three runs, each on a fresh engine after the first warmed the JIT.
  const engineRates: number[] = [];
  for (let r = 0; r < runs; r++) {
    engineRates.push(
      await withTempDir(async (dir) => {
        const store = getSqliteEventStore(join(dir, 'bench.sqlite'));
        const warm = await loadTicks(spec);
        const engine = await loadedEngine(store, count, spec, warm[0] as Tick);
        const t0 = nowMs();
        const ticks = await loadTicks(spec);
        for (const t of ticks) await engine.tick(t);
        const rate = ticks.length / ((nowMs() - t0) / 1000);
        await engine.stop();
        await store.close();
        return rate;
      }),
    );
  }
  return { bare: Math.max(...bareRates), engine: Math.max(...engineRates) };
};

/**
 * Tick-to-intent latency as a live engine has it: each tick crosses exactly one order's
 * take-profit, and the time runs from the tick entering the engine to its intent
 * (`TpTriggered`, with its client order id) committed to SQLite, after which the order is
 * sent. The exchange here is the paper book driven as a live venue (no in-batch matching):
 * its fill comes back as a report and is folded between samples, untimed. Interleaved with
 * each sample, the baseline commits the same intent event straight to the same store, so
 * both meet the same WAL checkpoints and garbage collections.
 */
export const tickToIntentLatency = async (
  idle: number,
  samples: number,
): Promise<{ engineP99: number; bareP99: number; engineP50: number; bareP50: number }> =>
  withTempDir(async (dir) => {
    const store = getSqliteEventStore(join(dir, 'latency.sqlite'));
    const symbol = 'ETH/USDT';
    const spec = { file: '', symbol, mid: 2680 };
    // Idle means idle here: none of the book's orders moves on the ladder's ticks, so each tick
    // commits exactly one intent.
    const setup = await loadedEngine(
      store,
      idle,
      spec,
      { type: 'Tick', symbol, ts: 1, price: 2680 },
      0,
    );
    const base = 2700;
    const ladder = Array.from({ length: samples }, (_, i) => ({
      type: 'CreateSmartOrder' as const,
      orderId: `latency-${i}`,
      ts: 2,
      exchange: 'paper',
      symbol,
      side: 'BUY' as const,
      quantity: 0.01,
      entry: { type: 'MARKET' as const },
      takeProfits: [{ price: Math.round((base + 0.01 * (i + 1)) * 100) / 100, sizePct: 100 }],
    }));
    await setup.process({ commands: ladder });
    await setup.tick({ type: 'Tick', symbol, ts: 3, price: 2680 });
    await setup.stop();

    const { simulation: _inBatch, ...live } = getPaperExchange();
    const engine = createEngine({ store, exchange: live });
    await engine.start();
    // The intent is committed when the engine publishes it, right after the commit and before
    // the order goes out; the tick's promise resolves later, after the send and its answer.
    let committedAt = 0;
    engine.events$.subscribe((e) => {
      if (e.type === 'TpTriggered') committedAt = nowMs();
    });
    const settle = async (): Promise<void> => {
      for (let k = 0; k < 3; k++) await new Promise((resolve) => setImmediate(resolve));
      await engine.process({});
    };
    const engineLatencies: number[] = [];
    const bareLatencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      const price = Math.round((base + 0.01 * (i + 1)) * 100) / 100;
      const t0 = nowMs();
      const { events } = await engine.tick({ type: 'Tick', symbol, ts: 10 + i, price });
      engineLatencies.push(committedAt - t0);
      const intent = events.find((e) => e.type === 'TpTriggered');
      if (intent === undefined) throw new Error(`latency tick ${i} triggered nothing`);
      await settle();
      const t1 = nowMs();
      const r = await store.appendBatch([
        {
          stream: `smart-order-bare-${i}`,
          expectedVersion: 'no_stream',
          events: [{ type: intent.type, ts: intent.ts, data: intent.data }],
        },
      ]);
      bareLatencies.push(nowMs() - t1);
      if (r._tag === 'Left') throw new Error(r.left.message);
    }
    await engine.stop();
    await store.close();
    return {
      engineP99: percentile(engineLatencies, 99),
      bareP99: percentile(bareLatencies, 99),
      engineP50: percentile(engineLatencies, 50),
      bareP50: percentile(bareLatencies, 50),
    };
  });

/** Restart of an engine on a SQLite store holding `count` open orders, and its heap per order. */
export const restartFigures = async (
  count: number,
  spec: TickFileSpec,
): Promise<{ restartSeconds: number; openOrders: number; heapBytesPerOrder: number }> => {
  const ticks = await loadTicks(spec);
  return withTempDir(async (dir) => {
    const path = join(dir, 'restart.sqlite');
    const setupStore = getSqliteEventStore(path);
    const setup = await loadedEngine(setupStore, count, spec, ticks[0] as Tick);
    await setup.stop();
    await setupStore.close();
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const t0 = nowMs();
    const store = getSqliteEventStore(path);
    const engine = createEngine({ store, exchange: getPaperExchange() });
    await engine.start();
    const restartSeconds = (nowMs() - t0) / 1000;
    gc?.();
    gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const openOrders = engine.openOrderCount;
    await engine.tick(ticks[1] as Tick);
    await engine.stop();
    await store.close();
    return { restartSeconds, openOrders, heapBytesPerOrder: (heapAfter - heapBefore) / openOrders };
  });
};
