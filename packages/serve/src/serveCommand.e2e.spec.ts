import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ethTicksFile, repoRoot } from './testing/panelFixture';
import { cliBin, startServeProcess } from './testing/serveProcess';

const serve = (args: readonly string[], env: NodeJS.ProcessEnv = {}) => {
  const r = spawnSync(process.execPath, [cliBin, 'serve', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env['PATH'], ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('smart-orders serve refuses bad input with status 2 and writes nothing', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'serve-cli-'));
    db = join(dir, 'never.sqlite');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const paper = () => ['--ticks', ethTicksFile, '--symbol', 'ETH/USDT', '--store', `sqlite:${db}`];

  it.each([
    [[] as string[], {}, '--ticks: the paper exchange replays a recorded tick file'],
    [['--host', '0.0.0.0'], {}, '--host 0.0.0.0 is reachable beyond this machine: give a --token'],
    [['--token', 'short'], {}, '--token must be at least 16 characters, got 5'],
    [
      ['--host', '0.0.0.0'],
      { SMART_ORDERS_TOKEN: 'tiny' },
      '--token must be at least 16 characters, got 4',
    ],
    [['--speed', '0'], {}, '--speed must be a number from 0.001 to 1000000000 (1e9), got 0'],
    [
      ['--speed', '1e-300'],
      {},
      '--speed must be a number from 0.001 to 1000000000 (1e9), got 1e-300',
    ],
    [['--token', '                    '], {}, '--token is only whitespace'],
    [['--allowed-host', 'http://evil.example:80'], {}, '--allowed-host must be a host name'],
    [
      ['--partition', 'acct-1'],
      {},
      '--partition, --standby and --lease-ms: a lease is taken by an engine that trades live',
    ],
    [
      ['--no-account-protocols'],
      {},
      '--no-account-protocols: the protocols guard an account on a live exchange (--exchange ID); on paper the panel guards none',
    ],
  ])('serve %j with env %j', (args, env, message) => {
    const r = serve(
      [...(args.length === 0 ? ['--store', `sqlite:${db}`] : [...paper(), ...args])],
      env,
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });

  it('names the keys a live exchange needs, and an exchange it does not know', () => {
    const live = serve(['--exchange', 'binance', '--store', `sqlite:${db}`]);
    expect(live.status).toBe(2);
    expect(live.stderr).toContain('BINANCE_API_KEY and BINANCE_SECRET must be set');
    const unknown = serve([
      '--exchange',
      'nowhere',
      '--url',
      'http://127.0.0.1:9',
      '--store',
      `sqlite:${db}`,
    ]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('exchange "nowhere" is not supported');
    expect(existsSync(db)).toBe(false);
  });

  it('finds a port in use before it opens the store', async () => {
    const taken: Server = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as AddressInfo).port;
      const r = serve([...paper(), '--port', String(port)]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--host 127.0.0.1 --port ${port}: listen EADDRINUSE`);
      expect(existsSync(db)).toBe(false);
    } finally {
      taken.close();
    }
  });
});

describe('two paper panels on one store', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'serve-twice-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the second is refused at once, naming the first, which keeps serving; after it, one starts again', async () => {
    const args = [
      '--ticks',
      ethTicksFile,
      '--symbol',
      'ETH/USDT',
      '--store',
      `sqlite:${join(dir, 'panel.sqlite')}`,
      '--port',
      '0',
      '--paused',
    ];
    const first = await startServeProcess(args);
    const second = serve(args);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(
      /--store: account default of sqlite:.+panel\.sqlite is being replayed into by serve pid \d+ on .+; this one is refused and wrote nothing/,
    );
    expect((await fetch(`${first.url}/api/market`)).status).toBe(200);
    expect(await first.stop()).toBe(0);
    const again = await startServeProcess(args);
    expect(await again.stop()).toBe(0);
  }, 60_000);
});
