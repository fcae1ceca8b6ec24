import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FEE_SCHEDULE, NO_FEES } from '@smart-orders/core';
import { readTicks } from '@smart-orders/replay-files';
import { startVenue, withQuantities, type Venue } from '@smart-orders/venue';
import { control, playOnceTrading } from './testing/pacedVenue';
import { fourOrderPlan } from './testing/fourOrderPlan';
import { exampleTicks, runCliAsync, runCliWith, startCli } from './testing/runCli';

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

describe('smart-orders run --exchange bybit on the venue speaking Bybit v5', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-bybit-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trades a spot plan to the end: no refusal, no orderLinkId sent twice, the account flat to within one step', async () => {
    const read = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
    if (read._tag === 'Left') throw new Error(read.left.message);
    const recorded = withQuantities(read.right.ticks, read.right.quantities);
    const venue = await startVenue({
      ticks: recorded,
      symbol: 'ETH/USDT',
      step: true,
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
      const stopPlaying = playOnceTrading(venue, recorded, 4, 'publicTrade.ETHUSDT');
      const run = await runCliWith(
        [
          'run',
          ...['--plan', planFile, '--store', `sqlite:${db}`, '--exchange', 'bybit'],
          ...['--url', venue.url, '--format', 'jsonl'],
        ],
        env,
      );
      await stopPlaying();
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
      // The market entry of 0.2 ETH paid 10 bps of it in ETH, in one fill or in parts (the venue
      // fills at most each print's size, and the order stream, live before the create, reports
      // each part): Bybit's cumExecFee, read by the adapter, each part's once.
      const entryFees = events
        .filter((e) => e.orderId === 'bybit-long-stop' && e.type === 'EntryFilled')
        .map((e) => (e.data as { fee?: { amount: number; asset: string } }).fee);
      expect(entryFees.every((f) => f?.asset === 'ETH')).toBe(true);
      expect(Number(entryFees.reduce((t, f) => t + (f?.amount ?? 0), 0).toFixed(10))).toBe(0.0002);
    } finally {
      await venue.close();
    }
  }, 200_000);
  // The plan of the Binance venue's run tests (a long stopped, a short through two take-profits
  // and break-even, a limit entry, a trailing short), on Bybit: the shorts sell the account's ETH.
  const fourOrders = () => {
    const p = fourOrderPlan('bybit');
    return { orders: p.orders.map((o) => ({ ...o, exchange: 'bybit' })) };
  };

  /** A step-mode venue on the recording, played at `speed` once the run trades; `stop` ends it. */
  const venueWith = async (
    faults: object[] = [],
    speed = 4,
  ): Promise<{ venue: Venue; stop: () => Promise<void> }> => {
    const read = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
    if (read._tag === 'Left') throw new Error(read.left.message);
    const recorded = withQuantities(read.right.ticks, read.right.quantities);
    const venue = await startVenue({
      ticks: recorded,
      symbol: 'ETH/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 1, USDT: 100_000 },
      faults: faults as never,
      // The first test charges fees; these check the account back at its ETH exactly.
      fees: NO_FEES,
      dialect: 'bybit',
    });
    const stopPlaying = playOnceTrading(venue, recorded, speed, 'publicTrade.ETHUSDT');
    return {
      venue,
      stop: async () => {
        await stopPlaying();
        await venue.close();
      },
    };
  };

  const exitWithin = (child: ChildProcess, ms: number): Promise<number | string | null> =>
    Promise.race([
      new Promise<number | null>((resolve) => child.on('exit', resolve)),
      new Promise<string>((resolve) =>
        setTimeout(() => {
          child.kill('SIGKILL');
          resolve(`killed: still running after ${ms} ms`);
        }, ms).unref(),
      ),
    ]);

  const expectCleanEnd = async (venue: Venue, db: string): Promise<void> => {
    const ended = JSON.parse(
      (await runCliAsync(['status', '--store', `sqlite:${db}`, '--format', 'json'])).stdout,
    ) as { orderId: string; status: string }[];
    expect(ended.map((s) => s.orderId).sort()).toEqual(
      fourOrders()
        .orders.map((o) => o.orderId)
        .sort(),
    );
    expect(ended.every((s) => ['CLOSED', 'STOPPED', 'CANCELLED'].includes(s.status))).toBe(true);
    const log = await control<LogEntry[]>(venue, '/control/orders');
    const ids = log.map((e) => e.clientOrderId);
    expect(ids.length).toBeGreaterThanOrEqual(8);
    expect(new Set(ids).size).toBe(ids.length);
    const account = await control<{
      balances: { asset: string; total: number }[];
      workingOrders: unknown[];
    }>(venue, '/control/account');
    expect(account.workingOrders).toEqual([]);
    expect(account.balances.find((b) => b.asset === 'ETH')?.total).toBeCloseTo(1, 8);
  };

  it('survives three kill -9 while the venue keeps trading: the restarts find their orders by orderLinkId, none is sent twice', async () => {
    // Half speed, as run.e2e's kill test: the kill rounds end before the plan's last exits trade.
    const { venue, stop } = await venueWith([], 2);
    const children: ChildProcess[] = [];
    try {
      const planFile = join(dir, 'four.json');
      writeFileSync(planFile, JSON.stringify(fourOrders()));
      const db = join(dir, 'killed.sqlite');
      const args = [
        'run',
        ...['--plan', planFile, '--store', `sqlite:${db}`, '--exchange', 'bybit'],
        ...['--url', venue.url, '--format', 'jsonl', '--lease-ms', '2000'],
      ];
      let kills = 0;
      for (let round = 0; round < 3; round++) {
        const child = startCli(args, env);
        children.push(child);
        const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
        // The first run is let place its orders before the first kill.
        if (round === 0)
          await Promise.race([
            exited,
            (async () => {
              while (
                child.exitCode === null &&
                (await control<LogEntry[]>(venue, '/control/orders')).length === 0
              )
                await new Promise((r) => setTimeout(r, 100));
            })(),
          ]);
        const delay = 1_500 + ((round * 2_371) % 4_000);
        const finished = await Promise.race([
          exited.then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), delay)),
        ]);
        if (finished) break;
        child.kill('SIGKILL');
        kills += 1;
        await exited;
      }
      expect(kills).toBe(3);
      const last = startCli(args, env);
      children.push(last);
      expect(await exitWithin(last, 150_000)).toBe(0);
      await expectCleanEnd(venue, db);
    } finally {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await stop();
    }
  }, 300_000);

  it('resolves a create that executed without an answer by its orderLinkId, and recovers dropped order messages', async () => {
    const read = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
    const start = read._tag === 'Right' ? (read.right.ticks[0]?.ts ?? 0) : 0;
    const { venue, stop } = await venueWith([
      { at: start, executeWithoutAnswer: 1 },
      { at: start + 50_000, dropExecutionReports: 3 },
    ]);
    try {
      const planFile = join(dir, 'faults.json');
      writeFileSync(planFile, JSON.stringify(fourOrders()));
      const db = join(dir, 'faults.sqlite');
      const child = startCli(
        [
          'run',
          ...['--plan', planFile, '--store', `sqlite:${db}`, '--exchange', 'bybit'],
          ...['--url', venue.url, '--format', 'jsonl'],
        ],
        env,
      );
      expect(await exitWithin(child, 150_000)).toBe(0);
      await expectCleanEnd(venue, db);
      const faults = await control<{ remaining: number }[]>(venue, '/control/faults');
      expect(faults.map((f) => f.remaining)).toEqual([0, 0]);
    } finally {
      await stop();
    }
  }, 300_000);
});
