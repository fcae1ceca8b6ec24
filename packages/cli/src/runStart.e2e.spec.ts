import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTicks } from '@smart-orders/replay-files';
import { startVenue, withQuantities, type Venue } from '@smart-orders/venue';
import { examplePlan, exampleTicks, runCliWith } from './testing/runCli';

const API_KEY = 'run-start-key';
const SECRET = 'run-start-secret';

describe('smart-orders run says at start, in one line, what keeps it from trading (CLI.md v2)', () => {
  let dir: string;
  let venue: Venue;
  let livePlan: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-run-start-'));
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
    livePlan = join(dir, 'foo.json');
    const plan = JSON.parse(readFileSync(examplePlan, 'utf8')) as {
      orders: { symbol: string }[];
    };
    writeFileSync(
      livePlan,
      JSON.stringify({ ...plan, orders: plan.orders.map((o) => ({ ...o, symbol: 'FOO/USDT' })) }),
    );
  });
  afterAll(async () => {
    await venue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const env = (secret = SECRET): NodeJS.ProcessEnv => ({
    ...process.env,
    BINANCE_API_KEY: API_KEY,
    BINANCE_SECRET: secret,
    KRAKEN_API_KEY: API_KEY,
    KRAKEN_SECRET: SECRET,
  });
  const run = (plan: string, db: string, exchange: string, url: string): string[] => [
    'run',
    '--plan',
    plan,
    '--store',
    `sqlite:${db}`,
    '--exchange',
    exchange,
    '--url',
    url,
  ];

  it('refuses memory: (a live run must recover its orders after a crash)', async () => {
    const refused = await runCliWith(
      ['run', '--plan', examplePlan, '--store', 'memory:', '--exchange', 'binance'],
      env(),
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--store: memory:');
  }, 30_000);

  it('an exchange that cannot be reached: exit 2 within 10 s of trying, nothing written', async () => {
    const db = join(dir, 'unreachable.sqlite');
    const refused = await runCliWith(run(examplePlan, db, 'binance', 'http://127.0.0.1:1'), env());
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--exchange: binance (could not be read|did not answer)/);
    expect(refused.ms).toBeLessThan(20_000);
    expect(existsSync(db)).toBe(false);
  }, 60_000);

  it('a symbol the exchange does not list: exit 2 naming it, nothing written', async () => {
    const db = join(dir, 'foo.sqlite');
    const refused = await runCliWith(run(livePlan, db, 'binance', venue.url), env());
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('binance does not list FOO/USDT');
    expect(existsSync(db)).toBe(false);
  }, 60_000);

  it('an exchange id pointed at another exchange’s API: exit 2, nothing written', async () => {
    const db = join(dir, 'kraken.sqlite');
    const refused = await runCliWith(run(examplePlan, db, 'kraken', venue.url), env());
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /--exchange: kraken (could not be read|did not answer|does not list)/,
    );
    expect(existsSync(db)).toBe(false);
  }, 60_000);

  it('credentials the exchange refuses: exit 2 before anything is sent', async () => {
    const db = join(dir, 'secret.sqlite');
    const refused = await runCliWith(
      run(examplePlan, db, 'binance', venue.url),
      env('not-the-secret-7f3a'),
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('binance refused the credentials');
    expect(refused.stderr).not.toContain('not-the-secret-7f3a');
    expect(existsSync(db)).toBe(false);
  }, 60_000);
});
