import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Window } from './figure';
import { addedWindows, SLICE_SECONDS } from './timing';

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

/** A command the children run: `node args…`, and the work one run of it does (its ticks). */
export interface ChildCommand {
  readonly args: readonly string[];
  readonly work: number;
  /** Checks what the run printed; throws naming what is wrong. */
  readonly check?: (stdout: string) => void;
}

const nowSeconds = (): number => Number(process.hrtime.bigint()) / 1e9;
const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/**
 * One run of a command that is let run and stopped in turns: its wall time is the time it was
 * let run, from its spawn to its exit.
 */
class TurnTakingRun {
  private child: ChildProcess | null = null;
  private exit: Promise<void> = Promise.resolve();
  private running = false;
  private runningSince = 0;
  private wallSeconds = 0;
  private stdout = '';
  private stderr = '';
  private readonly cpuFile: string;
  ended: Promise<Window> | null = null;
  exited = false;

  constructor(
    private readonly command: ChildCommand,
    private readonly dir: string,
    private readonly preload: string,
    run: number,
  ) {
    this.cpuFile = join(dir, `cpu-${run}`);
  }

  resume(): void {
    this.running = true;
    this.runningSince = nowSeconds();
    if (this.child !== null) {
      this.child.kill('SIGCONT');
      return;
    }
    const child = spawn(process.execPath, ['--require', this.preload, ...this.command.args], {
      env: { ...process.env, SMART_ORDERS_BENCH_CPU_FILE: this.cpuFile },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => (this.stdout += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exit = new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', () => {
        if (this.running) this.wallSeconds += nowSeconds() - this.runningSince;
        this.running = false;
        this.exited = true;
        resolve();
      });
    });
    const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
    this.ended = this.exit.then(async () => {
      const code = await closed;
      if (code !== 0)
        throw new Error(
          `node ${this.command.args.join(' ')} exited ${code}: ${this.stderr.slice(-2000)}`,
        );
      this.command.check?.(this.stdout);
      return {
        work: this.command.work,
        wallSeconds: this.wallSeconds,
        cpuSeconds: Number(readFileSync(this.cpuFile, 'utf8')),
      };
    });
    // Read when awaited; a failure is not left unhandled while the other side's turn runs.
    this.ended.catch(() => undefined);
  }

  pause(): void {
    if (!this.running || this.child === null) return;
    this.child.kill('SIGSTOP');
    this.running = false;
    this.wallSeconds += nowSeconds() - this.runningSince;
  }

  kill(): void {
    if (this.child !== null && !this.exited) this.child.kill('SIGKILL');
  }

  /** Lets the run go on for `seconds` or until it exits, whichever is first. */
  async turn(seconds: number): Promise<void> {
    this.resume();
    await Promise.race([sleep(seconds), this.exit.catch(() => undefined)]);
    this.pause();
  }
}

/**
 * Runs `measured` once, from spawn to exit, and `baseline` again and again while it runs, the
 * two processes never at once: each is let run for a slice while the other is stopped
 * (SIGSTOP, SIGCONT), `measuredFirst` saying which goes first. A baseline run still going when
 * the measured one ends finishes alone (or runs alone, if it never had a turn). Returns the measured run's window and the sum of the
 * baseline's runs: wall time counted only while a process was let run, CPU time its own.
 *
 * Processes run one after the other met the machine's bursts apart: a replay of 6 s and a read
 * of 3 s, one after the other, once ran at 217k and 342k ticks/s and in the next repetition at
 * 154k and 327k. In slices of a quarter of a second, a burst falls on both.
 */
export const childrenInTurn = async (
  measured: ChildCommand,
  baseline: ChildCommand,
  options: { readonly measuredFirst: boolean; readonly sliceSeconds?: number },
): Promise<{ measured: Window; baseline: Window }> => {
  const dir = mkdtempSync(join(tmpdir(), 'smart-orders-bench-child-'));
  const preload = join(dir, 'cpuAtExit.js');
  writeFileSync(preload, PRELOAD);
  const slice = options.sliceSeconds ?? SLICE_SECONDS;
  let runs = 0;
  const main = new TurnTakingRun(measured, dir, preload, runs++);
  let base = new TurnTakingRun(baseline, dir, preload, runs++);
  const baseRuns: Promise<Window>[] = [];
  try {
    while (!main.exited) {
      for (const side of options.measuredFirst
        ? ['measured', 'baseline']
        : ['baseline', 'measured']) {
        if (side === 'measured') {
          if (!main.exited) await main.turn(slice);
          continue;
        }
        if (base.exited) {
          baseRuns.push(base.ended as Promise<Window>);
          base = new TurnTakingRun(baseline, dir, preload, runs++);
        }
        if (!main.exited) await base.turn(slice);
      }
    }
    const measuredWindow = await (main.ended as Promise<Window>);
    if (!base.exited) base.resume();
    baseRuns.push(base.ended as Promise<Window>);
    const windows = await Promise.all(baseRuns);
    return {
      measured: measuredWindow,
      baseline: windows.reduce(addedWindows),
    };
  } finally {
    main.kill();
    base.kill();
    rmSync(dir, { recursive: true, force: true });
  }
};
