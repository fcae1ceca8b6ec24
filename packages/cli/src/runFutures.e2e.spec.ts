import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTicks } from '@smart-orders/replay-files';
import { startVenue, withQuantities, type Venue } from '@smart-orders/venue';
import { playOnceTrading } from './testing/pacedVenue';
import { repoRoot, runCliAsync, runCliWith, startCli } from './testing/runCli';

const btcTicks = join(repoRoot, 'examples/data/binance-usdm_BTCUSDT_trades_20230405.csv');
const API_KEY = 'usdm-e2e-key';
const SECRET = 'usdm-e2e-secret-never-printed';
const env = { ...process.env, BINANCEUSDM_API_KEY: API_KEY, BINANCEUSDM_SECRET: SECRET };

/**
 * A long on the BTCUSDT perpetual with a native stop in the algo service, 0.01 % behind the
 * managed stop at 28150: the recording trades above 28150 for its first minute, then falls to
 * 28143 around the 65th second, through both stops.
 */
const plan = {
  orders: [
    {
      orderId: 'perp-long-native',
      exchange: 'binance',
      symbol: 'BTC/USDT:USDT',
      side: 'BUY',
      quantity: 0.01,
      entry: { type: 'MARKET' },
      takeProfits: [{ price: 28400, sizePct: 100 }],
      stopLoss: { price: 28150 },
      market: { tickSize: 0.1, stepSize: 0.001 },
      nativeStop: { offsetRate: 0.0001 },
    },
  ],
};

interface LogEntry {
  readonly clientOrderId: string | null;
  readonly type: string | null;
  readonly quantity: string | null;
  readonly accepted: boolean;
  readonly error: { code: number } | null;
  readonly order: { algoStatus?: string; status?: string } | null;
}

const control = async <T>(venue: Venue, path: string): Promise<T> =>
  (await (await fetch(`${venue.url}${path}`)).json()) as T;

const until = async (check: () => Promise<boolean>, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
};

describe('smart-orders run --exchange binanceusdm against the USDⓈ-M venue', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-usdm-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('kill -9 with the position open: the recording falls through the native stop, and the restarted run finds its fill and ends the order STOPPED', async () => {
    const read = await readTicks(btcTicks, { symbol: 'BTC/USDT' });
    if (read._tag === 'Left') throw new Error(read.left.message);
    const recorded = withQuantities(read.right.ticks, read.right.quantities);
    const venue = await startVenue({
      ticks: recorded,
      marketType: 'usdm',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 10_000 },
      market: { tickSize: 0.1, stepSize: 0.001 },
    });
    const planFile = join(dir, 'plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    const db = join(dir, 'usdm.sqlite');
    const args = [
      'run',
      ...['--plan', planFile, '--store', `sqlite:${db}`, '--exchange', 'binanceusdm'],
      ...['--url', venue.url, '--format', 'jsonl'],
    ];
    const children: ChildProcess[] = [];
    // The recording trades 5 above the stop at its start and falls through the native stop once,
    // at its 64th second: played from the venue's own start, a run slowed by a loaded machine
    // placed its native stop after that fall and the position was never closed (CI); played at
    // 4 × real time from the run's subscription, every run meets the fall with its stop resting.
    const stopPlaying = playOnceTrading(venue, recorded, 4, 'btcusdt@trade');
    try {
      const first = startCli(args, env);
      children.push(first);
      // The whole position protected: the entry may fill in parts (the recording's first prints
      // are 0.001-0.012 BTC), and a native stop placed at the first part covers that part only
      // until the next replaces it; killed then, the rest of the position had no stop (the
      // position was not flat after the fall).
      const nativeStopResting = async () =>
        (await control<LogEntry[]>(venue, '/control/orders')).some(
          (e) =>
            e.type === 'STOP_MARKET' &&
            e.order?.algoStatus === 'NEW' &&
            Number(e.quantity) === plan.orders[0]?.quantity,
        );
      expect(await until(nativeStopResting, 40_000)).toBe(true);
      const exited = new Promise((resolve) => first.on('exit', resolve));
      first.kill('SIGKILL');
      await exited;

      // The venue plays on: the price falls through the native stop, which closes the position.
      const flat = async () =>
        (await control<{ positions: unknown[] }>(venue, '/control/account')).positions.length === 0;
      expect(await until(flat, 60_000)).toBe(true);
      // The stop for the whole position (one for an entry's first part was replaced by it).
      const fired = (await control<LogEntry[]>(venue, '/control/orders')).find(
        (e) => e.type === 'STOP_MARKET' && Number(e.quantity) === plan.orders[0]?.quantity,
      );
      expect(fired?.order?.algoStatus).toBe('FINISHED');

      // The restart finds the native stop's fill, ends the order and exits 0.
      const second = await runCliWith(args, env);
      expect(second.status === 0 ? 0 : `${second.status}: ${second.stderr}`).toBe(0);
      const statuses = JSON.parse(
        (await runCliAsync(['status', '--store', `sqlite:${db}`, '--format', 'json'])).stdout,
      ) as { orderId: string; status: string }[];
      expect(statuses).toEqual([
        expect.objectContaining({ orderId: 'perp-long-native', status: 'STOPPED' }),
      ]);
      const log = await control<LogEntry[]>(venue, '/control/orders');
      const ids = log.map((e) => e.clientOrderId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(log.filter((e) => !e.accepted)).toEqual([]);
      expect(JSON.stringify(log)).not.toContain(SECRET);
    } finally {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await stopPlaying();
      await venue.close();
    }
  }, 240_000);
});
