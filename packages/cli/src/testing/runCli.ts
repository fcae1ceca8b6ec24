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

/**
 * runCli without blocking: a test that serves the CLI from its own process (an in-process venue)
 * must keep answering while the CLI runs. spawnSync would stop the test's event loop, so the
 * venue would not answer meanwhile and its idle keep-alive sockets would time out under the
 * test's next request (ECONNRESET) once a run lasts past the server's keep-alive timeout.
 */
export const runCliAsync = (args: readonly string[]): Promise<CliRun> => {
  if (!existsSync(join(repoRoot, 'packages/cli/dist/main.js')))
    return Promise.reject(new Error('build first: npx tsc -b'));
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [cliBin, ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolveRun({ status, stdout, stderr }));
  });
};

export const startCli = (
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  stdout: 'ignore' | 'pipe' = 'ignore',
): ChildProcess =>
  spawn(process.execPath, [cliBin, ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', stdout, 'pipe'],
  });

/**
 * Runs the CLI to its end with an environment of its own (credentials): its stderr, exit status
 * and how long it took. `stopWhen` ends a long-running command (SIGTERM) once stderr says enough.
 */
export const runCliWith = (
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  stopWhen?: (stderr: string) => boolean,
): Promise<{ status: number | null; stderr: string; ms: number }> =>
  new Promise((resolveRun) => {
    const started = Date.now();
    const child = startCli(args, env);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stopWhen?.(stderr) === true) child.kill('SIGTERM');
    });
    child.on('exit', (status) => resolveRun({ status, stderr, ms: Date.now() - started }));
  });

export const exampleTicks = join(
  repoRoot,
  'examples/data/binance-spot_ETHUSDT_trades_20240809.csv',
);
export const examplePlan = join(repoRoot, 'examples/plans/eth-demo.json');
