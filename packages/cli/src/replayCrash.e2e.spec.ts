import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crashPlan } from './testing/crashPlan';
import { exampleTicks, runCli, startCli } from './testing/runCli';

/** Deterministic pseudo-random delays, so a failing kill point can be reproduced. */
const lcg = (seed: number) => {
  let s = seed;
  return (): number => {
    s = (s * 1664525 + 1013904223) % 2 ** 32;
    return s / 2 ** 32;
  };
};

describe('a replay killed with SIGKILL and run again ends with the same log', () => {
  let dir: string;
  let planFile: string;
  let reference: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-crash-'));
    planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(crashPlan()));
    const db = join(dir, 'reference.sqlite');
    expect(runCli(args(db)).status).toBe(0);
    reference = runCli(['audit', '--store', `sqlite:${db}`, '--format', 'jsonl']).stdout;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const args = (db: string): string[] => [
    'replay',
    '--ticks',
    exampleTicks,
    '--symbol',
    'ETH/USDT',
    '--plan',
    planFile,
    '--store',
    `sqlite:${db}`,
    '--format',
    'jsonl',
  ];

  it('has a long log to interrupt', () => {
    expect(reference.trim().split('\n').length).toBeGreaterThan(500);
  });

  it('at 20 random points', async () => {
    const random = lcg(20261121);
    let interrupted = 0;
    const events = reference.trim().split('\n').length;
    for (let trial = 0; trial < 20; trial++) {
      const db = join(dir, `trial-${trial}.sqlite`);
      const child = startCli(args(db), process.env, 'pipe');
      // Killed once it has printed a random number of the log's events (each printed after its
      // commit), within the first 80 %: a point in the replay's work, not in time, so a machine
      // slower or faster than when the reference ran still kills it while it runs.
      const killAt = 1 + Math.floor(random() * 0.8 * events);
      let printed = 0;
      let killed = false;
      child.stdout?.on('data', (chunk: Buffer) => {
        for (const byte of chunk) if (byte === 10) printed += 1;
        if (!killed && printed >= killAt) {
          killed = child.kill('SIGKILL');
          if (killed) interrupted += 1;
        }
      });
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      await exited;
      const again = runCli(args(db));
      expect(again.status).toBe(0);
      const log = runCli(['audit', '--store', `sqlite:${db}`, '--format', 'jsonl']).stdout;
      expect({ trial, killAt, same: log === reference }).toEqual({ trial, killAt, same: true });
    }
    expect(interrupted).toBeGreaterThanOrEqual(15);
  }, 300_000);
});
