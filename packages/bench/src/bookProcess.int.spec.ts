import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startBookProcess } from './bookProcess';

const spec = {
  file: resolve(__dirname, '../../../examples/data/binance-spot_ETHUSDT_trades_20240809.csv'),
  symbol: 'ETH/USDT',
  mid: 2680,
};

describe('a book in a process of its own', () => {
  let dir = '';
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'smart-orders-book-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads its book, times the slices it is asked for, and stops with its open orders', async () => {
    const book = await startBookProcess({
      path: join(dir, 'book.sqlite'),
      orders: 200,
      symbols: 4,
      spec,
    });
    await book.prepare(0);
    const first = await book.slice(0.2);
    await book.prepare(1);
    const second = await book.slice(0.2);
    for (const w of [first, second]) {
      expect(w.work % 8_409).toBe(0);
      expect(w.work).toBeGreaterThan(0);
      expect(w.wallSeconds).toBeGreaterThanOrEqual(0.2);
      expect(w.cpuSeconds).toBeGreaterThan(0);
    }
    // The mix's resting orders stay open; each repetition's fresh orders that the prices reach close.
    const open = await book.stop();
    expect(open).toBeGreaterThanOrEqual(200 - 40);
    expect(open).toBeLessThanOrEqual(200 + 2 * 40);
  }, 60_000);

  it('fails naming what went wrong when the book cannot load', async () => {
    await expect(
      startBookProcess({
        path: join(dir, 'book.sqlite'),
        orders: 10,
        symbols: 1,
        spec: { ...spec, file: join(dir, 'no-such-recording.csv') },
      }),
    ).rejects.toThrow(/the book of 10 orders: loading 10 orders .*no-such-recording\.csv: .+/);
  }, 60_000);
});
