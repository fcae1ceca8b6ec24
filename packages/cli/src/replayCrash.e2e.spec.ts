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
  let duration: number;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-crash-'));
    planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(crashPlan()));
    const started = Date.now();
    const db = join(dir, 'reference.sqlite');
    expect(runCli(args(db)).status).toBe(0);
    duration = Date.now() - started;
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
    for (let trial = 0; trial < 20; trial++) {
      const db = join(dir, `trial-${trial}.sqlite`);
      const child = startCli(args(db));
      // Within the first 70 % of the reference replay's time: a trial that runs faster than the
      // reference did (the machine's load moves) must still be caught while it runs.
      const delay = 150 + random() * Math.max(200, 0.7 * duration - 150);
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      const stillRunning = await Promise.race([
        new Promise<boolean>((resolve) => setTimeout(() => resolve(true), delay)),
        exited.then(() => false),
      ]);
      if (stillRunning) {
        child.kill('SIGKILL');
        interrupted += 1;
      }
      await exited;
      const again = runCli(args(db));
      expect(again.status).toBe(0);
      const log = runCli(['audit', '--store', `sqlite:${db}`, '--format', 'jsonl']).stdout;
      expect({ trial, delay: Math.round(delay), same: log === reference }).toEqual({
        trial,
        delay: Math.round(delay),
        same: true,
      });
    }
    expect(interrupted).toBeGreaterThanOrEqual(15);
  }, 300_000);
});
