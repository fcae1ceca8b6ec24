import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Tick } from '@smart-orders/core';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { loadedEngine } from './engineFigures';
import { readLogInProcess, restartInProcess } from './restartProcess';

const spec = {
  file: resolve(__dirname, '../../../examples/data/binance-spot_ETHUSDT_trades_20240809.csv'),
  symbol: 'ETH/USDT',
  mid: 2680,
};
const tick = (ts: number): Tick => ({ type: 'Tick', symbol: spec.symbol, ts, price: spec.mid });

describe('a restart in a process of its own', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'smart-orders-restart-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds every open order the writer left, and says how long, at what CPU and heap', async () => {
    const path = join(dir, 'book.sqlite');
    const store = getSqliteEventStore(path);
    const writer = await loadedEngine(store, 300, spec, tick(1));
    const open = writer.openOrderCount;
    await writer.stop();
    await store.close();

    // The whole log folded: a book of 300 read from its snapshot takes less heap than the
    // collector frees of the code the process loaded, and its figure says nothing.
    const restart = await restartInProcess({
      store: { kind: 'sqlite', path },
      expectedOpenOrders: open,
      firstTick: tick(2),
      snapshots: false,
    });

    expect(restart.openOrders).toBe(open);
    expect(restart.wallSeconds).toBeGreaterThan(0);
    expect(restart.cpuSeconds).toBeGreaterThan(0);
    expect(restart.heapBytesPerOrder).toBeGreaterThan(0);
    expect(restart.firstTickMs).toBeGreaterThan(0);
    // The restart wrote nothing of its own but the tick's checkpoint: a second, from the
    // snapshot the writer's stop wrote and the log after it, finds the same book.
    const again = await restartInProcess({
      store: { kind: 'sqlite', path },
      expectedOpenOrders: open,
    });
    expect(again.openOrders).toBe(open);
    expect(again.firstTickMs).toBeNull();
  }, 120_000);

  it('reads the whole log alone, every page the rebuild reads, and says how long and at what CPU', async () => {
    const path = join(dir, 'book.sqlite');
    const store = getSqliteEventStore(path);
    // More events than one page of the rebuild's 2,000: the read goes on past a full page.
    const writer = await loadedEngine(store, 1_500, spec, tick(1));
    await writer.stop();
    const logged = (await store.readAll(0)).length;
    await store.close();
    expect(logged).toBeGreaterThan(2_000);

    const read = await readLogInProcess({ kind: 'sqlite', path });

    expect(read.events).toBe(logged);
    expect(read.wallSeconds).toBeGreaterThan(0);
    expect(read.cpuSeconds).toBeGreaterThan(0);
  }, 120_000);

  it('fails naming the store and what went wrong when the read cannot be made', async () => {
    const path = join(dir, 'no-such-directory', 'book.sqlite');
    await expect(readLogInProcess({ kind: 'sqlite', path })).rejects.toThrow(
      new RegExp(`the read of ${path}: .+`),
    );
  }, 60_000);

  it('fails naming the store and what went wrong when the restart cannot be made', async () => {
    const path = join(dir, 'no-such-directory', 'book.sqlite');
    await expect(
      restartInProcess({ store: { kind: 'sqlite', path }, expectedOpenOrders: 0 }),
    ).rejects.toThrow(new RegExp(`the restart of ${path}: .+`));
  }, 60_000);
});
