import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Window } from './figure';

/**
 * A preload that writes the process's own CPU time to a file as it exits: a child's CPU time
 * is not otherwise visible to its parent in Node.
 */
const PRELOAD = `const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const used = process.cpuUsage();
  writeFileSync(process.env.SMART_ORDERS_BENCH_CPU_FILE, String((used.user + used.system) / 1e6));
});
`;

export interface ChildRun {
  readonly window: Window;
  readonly stdout: string;
}

/**
 * Runs `node args…` to its end, timed by the wall clock from spawn to exit and by the child's
 * own CPU time; `work` is what the run did (the ticks of its file). Fails on a non-zero exit,
 * with the child's stderr.
 */
export const timeChild = async (args: readonly string[], work: number): Promise<ChildRun> => {
  const dir = mkdtempSync(join(tmpdir(), 'smart-orders-bench-child-'));
  try {
    const preload = join(dir, 'cpuAtExit.js');
    const cpuFile = join(dir, 'cpu');
    writeFileSync(preload, PRELOAD);
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--require', preload, ...args], {
      env: { ...process.env, SMART_ORDERS_BENCH_CPU_FILE: cpuFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0)
      throw new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`);
    return {
      window: { work, wallSeconds, cpuSeconds: Number(readFileSync(cpuFile, 'utf8')) },
      stdout,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};
