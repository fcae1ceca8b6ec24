import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { accountStream } from '@smart-orders/engine';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { cliBin, examplePlan, exampleTicks, repoRoot, runCli } from './testing/runCli';

/** CLI.md version 2: the edges a user meets first, each ending in one line and a clear status. */
describe('smart-orders at its edges', () => {
  let dir: string;
  let store: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-edges-'));
    store = join(dir, 'demo.sqlite');
    const replay = runCli([
      'replay',
      '--ticks',
      exampleTicks,
      '--symbol',
      'ETH/USDT',
      '--plan',
      examplePlan,
      '--store',
      `sqlite:${store}`,
      '--format',
      'summary',
    ]);
    expect(replay.status).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const oneLine = (stderr: string): string => {
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toContain('internal error');
    expect(stderr).not.toMatch(/\n\s+at /);
    return stderr.trim();
  };

  it.each(['status', 'audit'])('%s on a mistyped path exits 2 and creates nothing', (command) => {
    const typo = join(dir, 'demo.sqlte');
    const r = runCli([command, '--store', `sqlite:${typo}`]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      `smart-orders: --store: ${typo} does not exist; nothing was created`,
    );
    expect(existsSync(typo)).toBe(false);
  });

  it('audit of an order the store does not hold exits 2', () => {
    const r = runCli(['audit', 'nope', '--store', `sqlite:${store}`]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe('smart-orders: ORDER_ID: the store holds no order nope');
    expect(r.stdout).toBe('');
  });

  it('audit piped into a reader that closes early ends quietly', () => {
    // More than a pipe holds, so that the CLI is still writing when head has gone.
    const big = join(dir, 'big.sqlite');
    const s = getSqliteEventStore(big);
    const events = Array.from({ length: 3_000 }, (_, i) => ({
      type: 'HeartbeatRecorded',
      ts: 1_700_000_000_000 + i * 1_000,
      data: { note: 'x'.repeat(100) },
    }));
    return s
      .appendBatch([{ stream: accountStream('a'), expectedVersion: 'any', events }])
      .then(() => s.close())
      .then(() => {
        const r = spawnSync(
          'bash',
          [
            '-c',
            `set -o pipefail; "${process.execPath}" "${cliBin}" audit --all --format jsonl --store "sqlite:${big}" | head -n 1`,
          ],
          { cwd: repoRoot, encoding: 'utf8' },
        );
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        expect(r.stdout.trim().split('\n')).toHaveLength(1);
      });
  });

  it('audit shows a run of heartbeats as its first and last, and every one with --all', async () => {
    const beats = join(dir, 'beats.sqlite');
    const s = getSqliteEventStore(beats);
    const beat = (i: number) => ({
      type: 'HeartbeatRecorded',
      ts: 1_700_000_000_000 + i * 1_000,
      data: {},
    });
    await s.appendBatch([
      {
        stream: accountStream('desk'),
        expectedVersion: 'any',
        events: [
          ...Array.from({ length: 60 }, (_, i) => beat(i)),
          { type: 'KillSwitchReset', ts: 1_700_000_060_500, data: { by: 'x' } },
          beat(61),
        ],
      },
    ]);
    await s.close();
    const table = runCli(['audit', '--format', 'table', '--store', `sqlite:${beats}`]);
    expect(table.status).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('HeartbeatRecorded ×60');
    expect(lines[1]).toContain(
      'from 2023-11-14T22:13:20.000Z to 2023-11-14T22:14:19.000Z (audit --all prints each)',
    );
    expect(lines[2]).toContain('KillSwitchReset');
    expect(lines[3]).toContain('HeartbeatRecorded');
    expect(table.stderr).toBe('audit: 58 heartbeats inside runs not printed (--all prints each)\n');

    const jsonl = runCli(['audit', '--format', 'jsonl', '--store', `sqlite:${beats}`]);
    expect(
      jsonl.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { version: number }).version),
    ).toEqual([1, 60, 61, 62]);
    const all = runCli(['audit', '--all', '--format', 'jsonl', '--store', `sqlite:${beats}`]);
    expect(all.stdout.trim().split('\n')).toHaveLength(62);
    expect(all.stderr).toBe('');
  });

  it('an unreachable PostgreSQL is one line naming the store and what failed, exit 1', () => {
    const r = runCli(['status', '--store', 'postgres://trader:secret@127.0.0.1:1/orders']);
    expect(r.status).toBe(1);
    const line = oneLine(r.stderr);
    expect(line).toMatch(
      /^smart-orders: store postgres:\/\/trader:\*\*\*@127\.0\.0\.1:1\/orders: .*ECONNREFUSED/,
    );
    expect(line).not.toContain('secret');
  });

  it('a store in a directory that does not exist: one line, exit 1', () => {
    const missing = join(dir, 'no/such/dir/orders.sqlite');
    const r = runCli([
      'replay',
      '--ticks',
      exampleTicks,
      '--symbol',
      'ETH/USDT',
      '--plan',
      examplePlan,
      '--store',
      `sqlite:${missing}`,
    ]);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toBe(
      `smart-orders: store sqlite:${missing}: Cannot open database because the directory does not exist`,
    );
  });

  it('a file that is not a database: one line, exit 1', () => {
    const corrupt = join(dir, 'corrupt.sqlite');
    writeFileSync(corrupt, 'this is not a SQLite database, it is a text file '.repeat(200));
    const r = runCli(['status', '--store', `sqlite:${corrupt}`]);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toBe(
      `smart-orders: store sqlite:${corrupt}: file is not a database (SQLITE_NOTADB)`,
    );
  });

  it('a store locked by another writer: one line, exit 1', () => {
    const locked = join(dir, 'locked.sqlite');
    const s = getSqliteEventStore(locked);
    return s.close().then(() => {
      const holder = new Database(locked);
      holder.exec('BEGIN EXCLUSIVE');
      try {
        // Readers go on in WAL mode; a writer waits for the lock (5 s), then gives up.
        const r = runCli([
          'replay',
          '--ticks',
          exampleTicks,
          '--symbol',
          'ETH/USDT',
          '--plan',
          examplePlan,
          '--store',
          `sqlite:${locked}`,
        ]);
        expect(r.status).toBe(1);
        expect(oneLine(r.stderr)).toBe(
          `smart-orders: store sqlite:${locked}: database is locked (SQLITE_BUSY)`,
        );
      } finally {
        holder.exec('ROLLBACK');
        holder.close();
      }
    });
  }, 30_000);

  it('a row of bad JSON: one line naming the event, exit 1', () => {
    const bad = join(dir, 'bad-json.sqlite');
    writeFileSync(bad, readFileSync(store));
    const db = new Database(bad);
    db.prepare("UPDATE events SET data = '{not json' WHERE position = 3").run();
    db.close();
    const r = runCli(['audit', '--store', `sqlite:${bad}`, '--format', 'jsonl']);
    expect(r.status).toBe(1);
    expect(oneLine(r.stderr)).toMatch(
      new RegExp(
        `^smart-orders: store sqlite:${bad}: the event at position 3 \\(smart-order-eth-[a-z-]+, version \\d+\\) has data that is not JSON: `,
      ),
    );
  });

  it('--exchange ftx is refused as unsupported before any key is asked for', () => {
    const r = runCli([
      'run',
      '--plan',
      examplePlan,
      '--store',
      `sqlite:${join(dir, 'ftx.sqlite')}`,
      '--exchange',
      'ftx',
    ]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      'smart-orders: --exchange: exchange "ftx" is not supported; supported are binance, bybit, okx, gate, bitget, kucoin, kraken, coinbase, binanceusdm',
    );
    expect(existsSync(join(dir, 'ftx.sqlite'))).toBe(false);
  });

  it('--version on the program and on every command', () => {
    const { version } = JSON.parse(
      readFileSync(join(repoRoot, 'packages/cli/package.json'), 'utf8'),
    ) as { version: string };
    for (const args of [
      ['--version'],
      ['replay', '--version'],
      ['kill-switch', 'trip', '--version'],
    ]) {
      const r = runCli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
  });

  it('replay --symbol that none of the plan’s orders trade is refused, exit 2, nothing written', () => {
    const db = join(dir, 'wrong-symbol.sqlite');
    const r = runCli([
      'replay',
      '--ticks',
      exampleTicks,
      '--symbol',
      'ETH/USD',
      '--plan',
      examplePlan,
      '--store',
      `sqlite:${db}`,
    ]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toBe(
      "smart-orders: --symbol: the ticks are ETH/USD but the plan's orders trade ETH/USDT; no tick would reach them",
    );
    expect(existsSync(db)).toBe(false);
  });

  it('a plan acts only on the orders it created: another plan with the same ids is refused, its own resumes', () => {
    const other = join(dir, 'other-plan.json');
    const plan = JSON.parse(readFileSync(examplePlan, 'utf8')) as { commands?: unknown[] };
    writeFileSync(other, JSON.stringify({ ...plan, commands: [] }));
    const before = runCli(['audit', '--all', '--format', 'jsonl', '--store', `sqlite:${store}`]);
    const r = runCli([
      'replay',
      '--ticks',
      exampleTicks,
      '--symbol',
      'ETH/USDT',
      '--plan',
      other,
      '--store',
      `sqlite:${store}`,
    ]);
    expect(r.status).toBe(2);
    expect(oneLine(r.stderr)).toMatch(
      /^smart-orders: plan: order eth-[a-z-]+ already exists in this store, created by another plan or run; a plan acts only on the orders it creates/,
    );
    const after = runCli(['audit', '--all', '--format', 'jsonl', '--store', `sqlite:${store}`]);
    expect(after.stdout).toBe(before.stdout);
    // The plan that created them runs again on its own orders: a resumed replay, nothing new.
    const again = runCli([
      'replay',
      '--ticks',
      exampleTicks,
      '--symbol',
      'ETH/USDT',
      '--plan',
      examplePlan,
      '--store',
      `sqlite:${store}`,
      '--format',
      'summary',
    ]);
    expect(again.status).toBe(0);
  });
});
