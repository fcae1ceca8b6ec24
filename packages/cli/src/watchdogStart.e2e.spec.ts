import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accountStream, orderStream } from '@smart-orders/engine';
import { readTicks } from '@smart-orders/replay-files';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { startVenue, withQuantities, type Venue } from '@smart-orders/venue';
import { exampleTicks, runCli, runCliWith } from './testing/runCli';

const API_KEY = 'watchdog-key';
const SECRET = 'watchdog-secret';

/** A SQLite store as an engine leaves it: an order stream, and the account's stream or not. */
const storeWith = async (path: string, heartbeatTs?: number): Promise<void> => {
  const store = getSqliteEventStore(path);
  const appends = [
    {
      stream: orderStream('o-1'),
      expectedVersion: 'no_stream' as const,
      events: [{ type: 'Placeholder', ts: 1, data: {} }],
    },
  ];
  if (heartbeatTs !== undefined)
    appends.push({
      stream: accountStream('default'),
      expectedVersion: 'no_stream' as const,
      events: [{ type: 'HeartbeatRecorded', ts: heartbeatTs, data: {} }],
    });
  await store.appendBatch(appends);
  await store.close();
};

describe('the watchdog refuses, at start, what it could never watch (SEMANTICS §7 v2)', () => {
  let dir: string;
  let venue: Venue;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-watchdog-'));
    const ticks = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
    if (ticks._tag === 'Left') throw new Error(ticks.left.message);
    venue = await startVenue({
      ticks: withQuantities(ticks.right.ticks.slice(0, 100), ticks.right.quantities),
      symbol: 'ETH/USDT',
      speed: 1,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 0, USDT: 1_000 },
    });
  });
  afterAll(async () => {
    await venue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const args = (store: string): string[] => [
    'watchdog',
    '--store',
    store,
    '--exchange',
    'binance',
    '--url',
    venue.url,
    '--max-silence',
    '3',
  ];
  const env = (secret: string): NodeJS.ProcessEnv => ({
    ...process.env,
    BINANCE_API_KEY: API_KEY,
    BINANCE_SECRET: secret,
  });

  it('a mistyped SQLite path: exit 2, and no empty store is created', () => {
    const path = join(dir, 'mistyped.sqlite');
    const refused = runCli(args(`sqlite:${path}`));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`--store: ${path} does not exist`);
    expect(existsSync(path)).toBe(false);
  });

  it('a memory: store holds no engine: exit 2', () => {
    const refused = runCli(args('memory:'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--store: memory:');
  });

  it('a store without the account: exit 2, naming the account and its stream', async () => {
    const path = join(dir, 'no-account.sqlite');
    await storeWith(path);
    const refused = await runCliWith(args(`sqlite:${path}`), env(SECRET));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--account: ');
    expect(refused.stderr).toContain('no stream account-default');
  }, 30_000);

  it('credentials the exchange refuses: exit 2 at start, not when it must act', async () => {
    const path = join(dir, 'wrong-secret.sqlite');
    await storeWith(path, Date.now());
    const refused = await runCliWith(args(`sqlite:${path}`), env('not-the-secret'));
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('cannot read the account on binance');
  }, 30_000);

  it('an account it can watch: says how old the last heartbeat is', async () => {
    const path = join(dir, 'watched.sqlite');
    await storeWith(path, Date.now() - 1_500);
    const watched = await runCliWith(args(`sqlite:${path}`), env(SECRET), (err) =>
      err.includes('watching account-default'),
    );
    expect(watched.stderr).toMatch(/last heartbeat \d+\.\d s ago/);
  }, 30_000);
});
