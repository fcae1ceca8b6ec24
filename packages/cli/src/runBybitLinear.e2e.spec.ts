import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTicks } from '@smart-orders/replay-files';
import { startVenue, withQuantities } from '@smart-orders/venue';
import { control, playOnceTrading } from './testing/pacedVenue';
import { exampleTicks, runCliAsync, startCli } from './testing/runCli';

const API_KEY = 'bybit-linear-e2e-key';
const SECRET = 'bybit-linear-e2e-secret-never-printed';
const env = { ...process.env, BYBIT_API_KEY: API_KEY, BYBIT_SECRET: SECRET };
const PERP = 'ETH/USDT:USDT';

/**
 * Two shorts on the ETH/USDT perpetual, each with a native stop resting at the venue (Bybit
 * conditional orders, moved in place by `/v5/order/amend`): one through two take-profits and
 * break-even (the first take-profit's fills shrink the stop and break-even moves it down to the
 * entry), one with a trailing stop whose native stop follows it down. The plan sets the
 * account's leverage and checks its mode at every start.
 */
const plan = {
  futures: { [PERP]: { leverage: 5, marginMode: 'cross', positionMode: 'oneWay', set: true } },
  orders: [
    {
      orderId: 'linear-short-tp',
      side: 'SELL',
      quantity: 0.2,
      entry: { type: 'MARKET' },
      takeProfits: [
        { price: 2678, sizePct: 50 },
        { price: 2676, sizePct: 50 },
      ],
      stopLoss: { price: 2690 },
      breakEven: true,
    },
    {
      orderId: 'linear-short-trailing',
      side: 'SELL',
      quantity: 0.1,
      entry: { type: 'MARKET' },
      takeProfits: [{ price: 2660, sizePct: 100 }],
      stopLoss: { price: 2690 },
      trailing: { callbackRate: 0.001 },
    },
  ].map((o) => ({
    ...o,
    exchange: 'bybit',
    symbol: PERP,
    market: { tickSize: 0.01, stepSize: 0.0001 },
    nativeStop: { offsetRate: 0.001 },
  })),
};

interface LogEntry {
  readonly clientOrderId: string | null;
  readonly type: string | null;
  readonly accepted: boolean;
}

describe('smart-orders run --exchange bybit on the venue speaking Bybit v5 linear', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-bybit-linear-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trades a linear plan with amended native stops to the end through three kill -9: no orderLinkId sent twice, the account flat', async () => {
    const read = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
    if (read._tag === 'Left') throw new Error(read.left.message);
    const recorded = withQuantities(read.right.ticks, read.right.quantities);
    const venue = await startVenue({
      ticks: recorded,
      symbol: PERP,
      marketType: 'usdm',
      dialect: 'bybit',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 100_000 },
    });
    // Real time: the kill rounds end well before the plan's last exits trade.
    const stopPlaying = playOnceTrading(venue, recorded, 1, 'publicTrade.ETHUSDT');
    const children: ChildProcess[] = [];
    const stderr: string[] = [];
    const start = (args: string[]) => {
      const child = startCli(args, env);
      child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
      children.push(child);
      return child;
    };
    try {
      const planFile = join(dir, 'linear.json');
      writeFileSync(planFile, JSON.stringify(plan));
      const db = join(dir, 'linear.sqlite');
      const args = [
        'run',
        ...['--plan', planFile, '--store', `sqlite:${db}`, '--exchange', 'bybit'],
        ...['--url', venue.url, '--format', 'jsonl', '--lease-ms', '2000'],
      ];
      let kills = 0;
      for (let round = 0; round < 3; round++) {
        const child = start(args);
        const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
        // The first run is let place its entries and their native stops before the first kill.
        if (round === 0)
          await Promise.race([
            exited,
            (async () => {
              while (
                child.exitCode === null &&
                (await control<LogEntry[]>(venue, '/control/orders')).filter(
                  (e) => e.type === 'STOP_MARKET',
                ).length < 2
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
      const last = start(args);
      const status = await Promise.race([
        new Promise<number | null>((resolve) => last.on('exit', resolve)),
        new Promise<string>((resolve) =>
          setTimeout(() => {
            last.kill('SIGKILL');
            resolve('killed: still running after 150 s');
          }, 150_000).unref(),
        ),
      ]);
      expect(status === 0 ? 0 : `${String(status)}: ${stderr.join('').slice(-3000)}`).toBe(0);

      const ended = JSON.parse(
        (await runCliAsync(['status', '--store', `sqlite:${db}`, '--format', 'json'])).stdout,
      ) as { orderId: string; status: string }[];
      expect(ended.map((s) => s.orderId).sort()).toEqual([
        'linear-short-tp',
        'linear-short-trailing',
      ]);
      expect(ended.every((s) => ['CLOSED', 'STOPPED'].includes(s.status))).toBe(true);

      // Every create reached the venue once, under its own orderLinkId, and none was refused.
      const log = await control<LogEntry[]>(venue, '/control/orders');
      const ids = log.map((e) => e.clientOrderId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(log.filter((e) => !e.accepted)).toEqual([]);
      expect(log.filter((e) => e.type === 'STOP_MARKET').length).toBeGreaterThanOrEqual(2);

      // The native stops were moved in place, by amend, and no amend failed.
      const events = (
        await runCliAsync(['audit', '--all', '--store', `sqlite:${db}`, '--format', 'jsonl'])
      ).stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { orderId: string; type: string });
      expect(events.filter((e) => e.type === 'NativeStopMoved').length).toBeGreaterThan(0);
      expect(stderr.join('')).not.toMatch(/amend failed/);
      expect(stderr.join('')).not.toContain(SECRET);

      // The account is flat: no position, nothing working.
      const account = await control<{ positions: unknown[]; workingOrders: unknown[] }>(
        venue,
        '/control/account',
      );
      expect(account.positions).toEqual([]);
      expect(account.workingOrders).toEqual([]);
    } finally {
      for (const child of children)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await stopPlaying();
      await venue.close();
    }
  }, 300_000);
});
