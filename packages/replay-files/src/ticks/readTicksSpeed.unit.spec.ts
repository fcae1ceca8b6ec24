import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRight } from 'fp-ts/Either';
import { readTicks } from './readTicks';

describe('readTicks speed', () => {
  it('loads 60,000 quote rows, cold, in under a second of CPU', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'replay-files-speed-'));
    try {
      const rows = Array.from(
        { length: 60_000 },
        (_, i) =>
          `${1680652800000 + i * 7},${28155.1 + (i % 13) / 10},${28155.2 + (i % 13) / 10},0.01`,
      );
      const path = join(dir, 'quotes.csv');
      writeFileSync(path, `timestamp,bid,ask,quantity\n${rows.join('\n')}\n`);
      // CPU time, not wall time: the test machine is shared, and a busy neighbour is not slowness.
      const before = process.cpuUsage();
      const r = await readTicks(path, { symbol: 'BTC/USDT' });
      const used = process.cpuUsage(before);
      expect(isRight(r) && r.right.ticks.length).toBe(60_000);
      expect((used.user + used.system) / 1000).toBeLessThan(1000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
