import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../../..');
export const cliBin = join(repoRoot, 'packages/cli/bin/smart-orders.js');

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI (`npm test` builds it first) as a user would, in its own process. */
export const runCli = (args: readonly string[]): CliRun => {
  if (!existsSync(join(repoRoot, 'packages/cli/dist/main.js')))
    throw new Error('build first: npx tsc -b');
  const r = spawnSync(process.execPath, [cliBin, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

export const startCli = (
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess =>
  spawn(process.execPath, [cliBin, ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });

export const exampleTicks = join(
  repoRoot,
  'examples/data/binance-spot_ETHUSDT_trades_20240809.csv',
);
export const examplePlan = join(repoRoot, 'examples/plans/eth-demo.json');
