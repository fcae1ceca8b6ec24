import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exampleTicks, repoRoot, runCli } from './testing/runCli';

interface Line {
  readonly stream: string;
  readonly version: number;
  readonly ts: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
}

const lines = (stdout: string): Line[] =>
  stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);

/**
 * `smart-orders kill-switch` run as a user runs it, on a store that a replay of the watchdog
 * drill left behind: account `watched` holding 0.1998 ETH (0.2 bought, less the 10 bps fee
 * taken in ETH) through an open smart order.
 */
describe('smart-orders kill-switch (trip, reset, status)', () => {
  let dir: string;
  let db: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-kill-switch-e2e-'));
    db = join(dir, 'drill.sqlite');
    const replay = runCli([
      'replay',
      '--ticks',
      exampleTicks,
      '--symbol',
      'ETH/USDT',
      '--plan',
      join(repoRoot, 'examples/plans/drills/watchdog-held-long.json'),
      '--store',
      `sqlite:${db}`,
      '--format',
      'summary',
    ]);
    expect(replay.status).toBe(0);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const ks = (...args: string[]) => runCli(['kill-switch', ...args, '--store', `sqlite:${db}`]);
  const stored = (): Line[] =>
    lines(runCli(['audit', '--all', '--store', `sqlite:${db}`, '--format', 'jsonl']).stdout);

  it('reset when the switch is not tripped exits 2 with one line naming it, and appends nothing', () => {
    const before = stored();
    const r = ks('reset', '--account', 'watched', '--by', 'ops');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/KILL_SWITCH_NOT_TRIPPED: .*not tripped; nothing to reset .*ACTIVE/),
    ]);
    expect(stored()).toEqual(before);
  });

  it('trip prints KillSwitchTripped, TradingStateChanged and FlattenRequested as the stored JSON lines; a second trip records nothing', () => {
    const before = stored();
    const started = Date.now();
    const r = ks('trip', '--account', 'watched', '--reason', 'venue outage', '--by', 'ann');
    expect(r).toMatchObject({ status: 0, stderr: '' });
    const appended = lines(r.stdout);
    expect(appended.map((e) => [e.stream, e.type])).toEqual([
      ['account-watched', 'KillSwitchTripped'],
      ['account-watched', 'TradingStateChanged'],
      ['account-watched', 'FlattenRequested'],
    ]);
    expect(appended[0]?.data).toMatchObject({ reason: 'MANUAL', detail: 'venue outage (by ann)' });
    expect(appended[0]?.ts).toBeGreaterThanOrEqual(started);
    expect(appended[2]?.data).toMatchObject({
      reason: 'MANUAL',
      positions: [{ symbol: 'ETH/USDT', quantity: 0.1998 }],
    });
    expect(stored()).toEqual([...before, ...appended]);

    const second = ks('trip', '--account', 'watched', '--reason', 'again');
    expect(second.status).toBe(0);
    expect(second.stdout).toBe('');
    expect(second.stderr).toMatch(
      /tripped already \(MANUAL at .*venue outage \(by ann\)\); nothing recorded/,
    );
    expect(stored()).toHaveLength(before.length + 3);
  });

  it('status shows the trading state, the trip (reason, detail, when) and the flatten, as a table or JSON', () => {
    const clear = ks('status', '--account', 'watched', '--format', 'json');
    expect(clear.status).toBe(0);
    expect(JSON.parse(clear.stdout)).toMatchObject({
      accountId: 'watched',
      tradingState: 'ACTIVE',
      trip: null,
      flatten: null,
      lastHeartbeatTs: null,
      heartbeatAgeMs: null,
    });
    const tripped = lines(ks('trip', '--account', 'watched', '--reason', 'drill').stdout);
    const trippedAt = tripped[0]?.ts;
    const json = JSON.parse(ks('status', '--account', 'watched', '--format', 'json').stdout);
    expect(json).toMatchObject({
      tradingState: 'HALTED',
      mode: 'ACTIVE',
      trip: { reason: 'MANUAL', detail: 'drill', trippedAt },
      flatten: { seq: 1, requestedAt: trippedAt, timedOut: false },
    });
    const table = ks('status', '--account', 'watched');
    expect(table.status).toBe(0);
    expect(table.stdout).toContain('HALTED (mode ACTIVE)');
    expect(table.stdout).toContain(
      `TRIPPED MANUAL at ${new Date(trippedAt ?? 0).toISOString()}: drill`,
    );
    expect(table.stdout).toMatch(/flatten\s+#1 in progress/);
    expect(table.stdout).toMatch(/last heartbeat\s+none/);
  });

  it('reset before the flatten is confirmed is refused naming --abandon-flatten; with it the account trades again in --to', () => {
    ks('trip', '--account', 'watched', '--reason', 'drill');
    const before = stored();
    const refused = ks('reset', '--account', 'watched', '--by', 'ops');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /FLATTEN_IN_PROGRESS: .*--abandon-flatten \(account watched is HALTED\)/,
    );
    expect(stored()).toEqual(before);

    const reset = ks(
      'reset',
      '--account',
      'watched',
      '--by',
      'ops',
      '--abandon-flatten',
      '--to',
      'REDUCING',
    );
    expect(reset).toMatchObject({ status: 0, stderr: '' });
    const appended = lines(reset.stdout);
    expect(appended.map((e) => e.type)).toEqual([
      'FlattenAbandoned',
      'KillSwitchReset',
      'TradingStateChanged',
    ]);
    expect(appended[1]?.data).toMatchObject({ by: 'ops', reason: 'MANUAL', to: 'REDUCING' });
    expect(appended[2]?.data).toMatchObject({ from: 'HALTED', to: 'REDUCING' });
    expect(
      JSON.parse(ks('status', '--account', 'watched', '--format', 'json').stdout),
    ).toMatchObject({
      tradingState: 'REDUCING',
      trip: null,
    });
  });

  it.each([
    [['trip', '--account', 'nobody', '--reason', 'x'], /--account: no stream account-nobody/],
    [['trip', '--account', 'bad id!', '--reason', 'x'], /--account: must be 1\.\.64 characters/],
    [['trip', '--account', 'watched', '--reason', '  '], /--reason: must not be empty/],
    [
      ['reset', '--account', 'watched', '--by', 'ops', '--to', 'HALTED'],
      /--to: must be ACTIVE or REDUCING, got "HALTED"/,
    ],
    [['status', '--account', 'watched', '--format', 'jsonl'], /--format: must be table or json/],
    [['status', '--account', 'nobody'], /--account: no stream account-nobody/],
  ])('refuses %j with exit 2, one line on stderr, nothing written', (args, message) => {
    const before = stored();
    const r = ks(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(stored()).toEqual(before);
  });

  it("refuses a store that is not the engine's: a missing SQLite file is not created", () => {
    const missing = join(dir, 'typo.sqlite');
    const r = runCli([
      'kill-switch',
      'trip',
      '--store',
      `sqlite:${missing}`,
      '--account',
      'watched',
      '--reason',
      'x',
    ]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--store: no file .*typo\.sqlite/);
    expect(existsSync(missing)).toBe(false);
    const memory = runCli(['kill-switch', 'status', '--store', 'memory:', '--account', 'watched']);
    expect(memory.status).toBe(2);
    expect(memory.stderr).toMatch(/--store: memory: dies with its process/);
  });

  it('a flag missing is refused by the parser with exit 2', () => {
    const r = ks('reset', '--account', 'watched');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/required option '--by <name>' not specified/);
  });
});
