import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startThrowawayPostgres,
  whyNoThrowawayPostgres,
  type ThrowawayPostgres,
} from '@smart-orders/store-postgres/testing';
import { exampleTicks, examplePlan, repoRoot, runCli, startCli } from './testing/runCli';

const missing = whyNoThrowawayPostgres();
const describePg = missing === null ? describe : describe.skip;
if (missing !== null) console.warn(`SKIPPED the PostgreSQL end-to-end tests: ${missing}`);

describePg('the CLI and two engines on PostgreSQL', () => {
  let pg: ThrowawayPostgres;
  let dir: string;
  let schemas = 0;
  const storeUrl = (): string => `${pg.url}?schema=e2e_${process.pid}_${++schemas}`;

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-pg-'));
  }, 600_000);
  afterAll(async () => {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const replayArgs = (store: string): string[] => [
    'replay',
    '--ticks',
    exampleTicks,
    '--symbol',
    'ETH/USDT',
    '--plan',
    examplePlan,
    '--store',
    store,
    '--format',
    'jsonl',
  ];

  it('replays, audits and shows status on postgres:// exactly as on memory:', () => {
    const url = storeUrl();
    const memory = runCli(replayArgs('memory:'));
    const postgres = runCli(replayArgs(url));
    expect(postgres.stderr).not.toMatch(/internal error/);
    expect(postgres.status).toBe(0);
    const strip = (out: string) =>
      out
        .trim()
        .split('\n')
        .map((l) => {
          const { position: _p, ...rest } = JSON.parse(l);
          return rest;
        });
    expect(strip(postgres.stdout)).toEqual(strip(memory.stdout));
    expect(runCli(['audit', '--store', url, '--format', 'jsonl']).stdout).toBe(postgres.stdout);
    expect(runCli(['status', '--store', url]).stdout).toMatch(
      /eth-short-ladder\s+ETH\/USDT\s+SELL\s+CLOSED\s+3\/3/,
    );
  });

  it('resumes a replay killed with SIGKILL to the identical log', async () => {
    const reference = runCli(replayArgs(storeUrl())).stdout;
    for (const delay of [400, 700, 1000, 1300, 1600]) {
      const url = storeUrl();
      const child = startCli(replayArgs(url));
      const exited = new Promise((resolve) => child.on('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await exited;
      expect(runCli(replayArgs(url)).status).toBe(0);
      expect({ delay, log: runCli(['audit', '--store', url, '--format', 'jsonl']).stdout }).toEqual(
        { delay, log: reference },
      );
    }
  }, 300_000);

  it('lets two engine processes race on the same ticks and orders: every intent committed and sent exactly once', async () => {
    const url = storeUrl();
    const fixture = join(repoRoot, 'packages/cli/dist/testing/engineProcess.fixture.js');
    expect(existsSync(fixture)).toBe(true);
    const plan = join(dir, 'race-plan.json');
    writeFileSync(
      plan,
      JSON.stringify({
        orders: Array.from({ length: 10 }, (_, i) => ({
          orderId: `race-${i}`,
          exchange: 'paper',
          symbol: 'ETH/USDT',
          side: i % 2 === 0 ? 'SELL' : 'BUY',
          quantity: 1,
          entry: { type: 'MARKET' },
          takeProfits:
            i % 2 === 0
              ? [
                  { price: 2680, sizePct: 50 },
                  { price: 2675, sizePct: 50 },
                ]
              : [{ price: 2684, sizePct: 100 }],
          ...(i % 2 === 0 ? { stopLoss: { price: 2690 } } : { stopLoss: { price: 2676 } }),
          trailing: { callbackRate: 0.0005 + i * 0.0001 },
          market: { tickSize: 0.01, stepSize: 0.0001 },
        })),
      }),
    );
    const start = (sentLog: string, withPlan: boolean) => {
      const child = spawn(
        process.execPath,
        [fixture, url, exampleTicks, 'ETH/USDT', sentLog, ...(withPlan ? [plan] : [])],
        {
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      const ready = new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      return { ready, exited, go: () => child.stdin.end('go\n') };
    };
    const setup = start(join(dir, 'setup.jsonl'), true);
    await setup.ready;
    setup.go();
    expect(await setup.exited).toBe(0);
    const racers = [start(join(dir, 'a.jsonl'), false), start(join(dir, 'b.jsonl'), false)];
    await Promise.all(racers.map((r) => r.ready));
    racers.forEach((r) => r.go());
    expect(await Promise.all(racers.map((r) => r.exited))).toEqual([0, 0]);
    const sent = ['a.jsonl', 'b.jsonl']
      .map((f) => join(dir, f))
      .filter((f) => existsSync(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { pid: number; clientOrderId: string }),
      );
    const ids = sent.map((s) => s.clientOrderId);
    expect(ids.length).toBeGreaterThan(5);
    expect(new Set(ids).size).toBe(ids.length);
    const log = runCli(['audit', '--store', url, '--format', 'jsonl'])
      .stdout.trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { type: string; data: { clientOrderId?: string; quantity?: number } },
      );
    const intents = log
      .filter(
        (e) =>
          ['TpTriggered', 'StopLossTriggered', 'StopLossRetried'].includes(e.type) &&
          (e.data.quantity ?? 0) > 0,
      )
      .map((e) => e.data.clientOrderId);
    expect(new Set(intents).size).toBe(intents.length);
    expect([...ids].sort()).toEqual([...(intents as string[])].sort());
  }, 300_000);
});
