import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTicks } from '@smart-orders/replay-files';
import {
  createCcxtBinanceForVenue,
  pointCcxtAtVenue,
  startVenue,
  withQuantities,
} from '@smart-orders/venue';
import { repoRoot, runCliAsync, runCliWith } from './testing/runCli';

const btcTicks = join(repoRoot, 'examples/data/binance-usdm_BTCUSDT_trades_20230405.csv');
const drill = join(repoRoot, 'examples/plans/drills/hedge-mode.json');
const PERP = 'BTC/USDT:USDT';
const API_KEY = 'hedge-drill-key';
const SECRET = 'hedge-drill-secret';
const env = { ...process.env, BINANCEUSDM_API_KEY: API_KEY, BINANCEUSDM_SECRET: SECRET };

/**
 * The drill "a hedge-mode account" (issue 14): the USDⓈ-M venue's account is in hedge mode, as a
 * trader left it, and the plan trades a long and a short smart order on one perpetual at once.
 * Binance refuses there an order without its positionSide and any reduceOnly parameter, so before
 * the start's read of the position mode every exit was refused and sent again on every tick.
 */
describe('drill: a hedge-mode account (run --exchange binanceusdm on the USDⓈ-M venue)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-hedge-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a long and a short on one perpetual, each on its side, both closed by their take-profits, the account flat', async () => {
    const read = await readTicks(btcTicks, { symbol: 'BTC/USDT' });
    if (read._tag === 'Left') throw new Error(read.left.message);
    const venue = await startVenue({
      ticks: withQuantities(read.right.ticks, read.right.quantities),
      marketType: 'usdm',
      // Played by the test once run listens, so the plan meets the recording's first prices
      // whatever the machine's load: the long's take-profit trades in its first 20 s, the
      // short's around its 55th.
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 10_000 },
      market: { tickSize: 0.1, stepSize: 0.001 },
    });
    // The trader's own connection to the account: ccxt's binance on the USDⓈ-M markets.
    const trader = pointCcxtAtVenue(
      createCcxtBinanceForVenue(venue.url, API_KEY, SECRET),
      venue.url,
      'usdm',
    );
    try {
      await trader.setPositionMode(true);
      const db = join(dir, 'hedge.sqlite');
      const running = runCliWith(
        [
          'run',
          ...['--plan', drill, '--store', `sqlite:${db}`, '--exchange', 'binanceusdm'],
          ...['--url', venue.url, '--format', 'jsonl'],
        ],
        env,
      );
      let ended = false;
      void running.then(() => (ended = true));
      const listening = async (): Promise<boolean> =>
        (
          (await (await fetch(`${venue.url}/control/state`)).json()) as { streams: string[] }
        ).streams.includes('btcusdt@trade');
      while (!ended && !(await listening())) await new Promise((r) => setTimeout(r, 200));
      // About 200 recorded prints a second, until run has closed both orders and ended.
      for (;;) {
        const advanced = venue.advance(20);
        if (ended || advanced._tag === 'Left' || advanced.right.played === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const run = await running;
      expect(run.status === 0 ? 0 : `${run.status}: ${run.stderr}`).toBe(0);
      expect(run.stderr).toContain('futures BTC/USDT:USDT: hedge, leverage 20, margin cross');

      const statuses = JSON.parse(
        (await runCliAsync(['status', '--store', `sqlite:${db}`, '--format', 'json'])).stdout,
      ) as { orderId: string; status: string }[];
      expect(statuses.map((s) => [s.orderId, s.status]).sort()).toEqual([
        ['hedge-long', 'CLOSED'],
        ['hedge-short', 'CLOSED'],
      ]);

      expect(await trader.fetchPositions([PERP])).toEqual([]);
      // What the venue filled, by side and the side of the account it traded: the long opened
      // and closed on LONG, the short on SHORT; nothing refused. Summed, because a take-profit
      // can trigger while the entry's fills are still being reported: it then closes what has
      // filled, and the smart order's flatten closes the entry's later fills (on the same side).
      const filledBy = new Map<string, number>();
      for (const o of await trader.fetchOrders(PERP)) {
        if (o.filled === undefined || o.filled === 0) continue;
        const key = `${o.side} ${(o.info as { positionSide: string }).positionSide}`;
        filledBy.set(key, Math.round(((filledBy.get(key) ?? 0) + o.filled) * 1e8) / 1e8);
      }
      const filled = [...filledBy].map(([key, q]) => [...key.split(' '), q]).sort();
      expect(filled).toEqual([
        ['buy', 'LONG', 0.01],
        ['buy', 'SHORT', 0.02],
        ['sell', 'LONG', 0.01],
        ['sell', 'SHORT', 0.02],
      ]);
      const log = (await (await fetch(`${venue.url}/control/orders`)).json()) as {
        clientOrderId: string;
        accepted: boolean;
        error: unknown;
      }[];
      expect(log.filter((e) => !e.accepted)).toEqual([]);
      const ids = log.map((e) => e.clientOrderId);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await trader.close();
      await venue.close();
    }
  }, 180_000);
});
