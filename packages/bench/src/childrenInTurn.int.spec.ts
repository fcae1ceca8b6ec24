import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { childrenInTurn } from './childrenInTurn';

/** Spins until the process has used `seconds` of CPU (time stopped does not count), then prints. */
const SPIN = `const start = process.cpuUsage();
const seconds = Number(process.argv[2]);
while (process.cpuUsage(start).user / 1e6 < seconds);
process.stdout.write(process.argv[3] ?? 'done');
process.exit(Number(process.argv[4] ?? 0));
`;

describe('two commands run in turns', () => {
  let dir = '';
  let spin = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-turns-'));
    spin = join(dir, 'spin.js');
    writeFileSync(spin, SPIN);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('never runs both at once, and runs the baseline again while the measured one runs', async () => {
    const started = process.hrtime.bigint();
    const { measured, baseline } = await childrenInTurn(
      { args: [spin, '0.8'], work: 100 },
      {
        args: [spin, '0.2', '7'],
        work: 10,
        check: (stdout) => expect(stdout).toBe('7'),
      },
      { measuredFirst: false, sliceSeconds: 0.05 },
    );
    const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
    expect(measured.work).toBe(100);
    expect(measured.cpuSeconds).toBeGreaterThanOrEqual(0.8);
    // Several runs of the baseline, each counted whole.
    expect(baseline.work % 10).toBe(0);
    expect(baseline.work).toBeGreaterThanOrEqual(30);
    // Each was timed only while let run: together no longer than the whole, each at least its CPU.
    expect(measured.wallSeconds).toBeGreaterThanOrEqual(0.8);
    expect(measured.wallSeconds + baseline.wallSeconds).toBeLessThanOrEqual(elapsed + 0.01);
    expect(measured.wallSeconds).toBeLessThan(elapsed - 0.5);
  }, 30_000);

  it('fails with the stderr of a run that exits non-zero, or the check of what it printed', async () => {
    await expect(
      childrenInTurn(
        { args: [spin, '0.1', 'x', '3'], work: 1 },
        { args: [spin, '0.05'], work: 1 },
        { measuredFirst: true },
      ),
    ).rejects.toThrow(/spin\.js 0\.1 x 3 exited 3/);
    await expect(
      childrenInTurn(
        { args: [spin, '0.3'], work: 1 },
        {
          args: [spin, '0.05', 'wrong'],
          work: 1,
          check: (stdout) => {
            if (stdout !== 'right') throw new Error(`printed ${stdout}`);
          },
        },
        { measuredFirst: true, sliceSeconds: 0.05 },
      ),
    ).rejects.toThrow('printed wrong');
  }, 30_000);
});
