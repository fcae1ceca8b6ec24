import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FEE_SCHEDULE } from '@smart-orders/core';
import { readTicks } from '@smart-orders/replay-files';
import { startVenue, withQuantities, type Venue } from '@smart-orders/venue';
import { exampleTicks, runCliAsync, runCliWith } from './testing/runCli';

const API_KEY = 'bybit-e2e-key';
const SECRET = 'bybit-e2e-secret-never-printed';
const env = { ...process.env, BYBIT_API_KEY: API_KEY, BYBIT_SECRET: SECRET };

/**
 * Long spot orders on ETH/USDT that end within the first ninety recorded seconds (a market
 * entry stopped out, a limit entry that takes profit, a market entry through a ladder of two
 * take-profits), traded by `run --exchange bybit` on the venue's bybit dialect with the default
 * fees: Bybit spot keeps stops in the engine, so every exit is a plain order with its orderLinkId.
 */
const plan = {
  orders: [
    {
      orderId: 'bybit-long-stop',
      side: 'BUY',
      quantity: 0.2,
      entry: { type: 'MARKET' },
      takeProfits: [{ price: 2690, sizePct: 100 }],
      stopLoss: { price: 2679 },
    },
    {
      orderId: 'bybit-long-limit',
      side: 'BUY',
      quantity: 0.1,
      entry: { type: 'LIMIT', price: 2675 },
      takeProfits: [{ price: 2678, sizePct: 100 }],
      stopLoss: { price: 2670 },
    },
    {
      orderId: 'bybit-long-ladder',
      side: 'BUY',
      quantity: 0.3,
      entry: { type: 'MARKET' },
      takeProfits: [
        { price: 2681, sizePct: 50 },
        { price: 2683, sizePct: 50 },
      ],
      stopLoss: { price: 2676 },
    },
  ].map((o) => ({
    ...o,
    exchange: 'bybit',
    symbol: 'ETH/USDT',
    market: { tickSize: 0.01, stepSize: 0.0001 },
  })),
};

interface LogEntry {
  readonly clientOrderId: string | null;
  readonly accepted: boolean;
  readonly error: { code: number; msg: string } | null;
}

// A control read may meet the venue closing an idle keep-alive connection: it is read again, once.
const control = async <T>(venue: Venue, path: string): Promise<T> => {
  try {
    return (await (await fetch(`${venue.url}${path}`)).json()) as T;
  } catch {
    await new Promise((r) => setTimeout(r, 100));
    return (await (await fetch(`${venue.url}${path}`)).json()) as T;
  }
};

describe('smart-orders run --exchange bybit on the venue speaking Bybit v5', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-bybit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trades a spot plan to the end: no refusal, no orderLinkId sent twice, the account flat to within one step', async () => {
    const read = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
    if (read._tag === 'Left') throw new Error(read.left.message);
    const venue = await startVenue({
      ticks: withQuantities(read.right.ticks, read.right.quantities),
      symbol: 'ETH/USDT',
      speed: 4,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 0, USDT: 100_000 },
      fees: DEFAULT_FEE_SCHEDULE,
      dialect: 'bybit',
    });
    try {
      const planFile = join(dir, 'plan.json');
      writeFileSync(planFile, JSON.stringify(plan));
      const db = join(dir, 'bybit.sqlite');
      const run = await runCliWith(
        [
          'run',
          ...['--plan', planFile, '--store', `sqlite:${db}`, '--exchange', 'bybit'],
          ...['--url', venue.url, '--format', 'jsonl'],
        ],
        env,
      );
      expect(run.status === 0 ? 0 : `${run.status}: ${run.stderr}`).toBe(0);

      const log = await control<LogEntry[]>(venue, '/control/orders');
      expect(log.filter((e) => !e.accepted)).toEqual([]);
      const ids = log.map((e) => e.clientOrderId);
      expect(new Set(ids).size).toBe(ids.length);
      const account = await control<{
        balances: { asset: string; total: number }[];
        workingOrders: unknown[];
      }>(venue, '/control/account');
      expect(account.workingOrders).toEqual([]);
      const eth = account.balances.find((b) => b.asset === 'ETH')?.total ?? NaN;
      expect(eth).toBeGreaterThanOrEqual(0);
      expect(eth).toBeLessThan(0.0001);

      const statuses = JSON.parse(
        (await runCliAsync(['status', '--store', `sqlite:${db}`, '--format', 'json'])).stdout,
      ) as { orderId: string; status: string }[];
      expect(statuses).toHaveLength(3);
      expect(statuses.every((s) => ['CLOSED', 'STOPPED'].includes(s.status))).toBe(true);
      const events = (
        await runCliAsync(['audit', '--all', '--store', `sqlite:${db}`, '--format', 'jsonl'])
      ).stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { orderId: string; type: string; data: object });
      // The market entry of 0.2 ETH paid 10 bps of it in ETH: Bybit's cumExecFee, read by the adapter.
      expect(
        events.find((e) => e.orderId === 'bybit-long-stop' && e.type === 'EntryFilled')?.data,
      ).toEqual(expect.objectContaining({ fee: { amount: 0.0002, asset: 'ETH' } }));
    } finally {
      await venue.close();
    }
  }, 200_000);
});
