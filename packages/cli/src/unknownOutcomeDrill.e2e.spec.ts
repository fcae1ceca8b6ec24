import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readTicks } from '@smart-orders/replay-files';
import { parseFaults, startVenue, withQuantities, type VenueTick } from '@smart-orders/venue';
import { playOnceTrading } from './testing/pacedVenue';
import { exampleTicks, repoRoot, runCliWith } from './testing/runCli';

const API_KEY = 'lane-key';
const SECRET = 'lane-secret';
const env = { ...process.env, BINANCE_API_KEY: API_KEY, BINANCE_SECRET: SECRET };
const drill = join(repoRoot, 'examples/plans/drills/unknown-outcome-lane.json');

interface VenueOrder {
  readonly receivedAt: number;
  readonly clientOrderId: string | null;
  readonly symbol: string | null;
  readonly side: string | null;
  readonly answered: boolean;
}

/**
 * The drill of issue 14: a create whose outcome is unknown on one symbol while another symbol's
 * stop fires. The venue executes BTC's entry and never answers it (executeWithoutAnswer), so the
 * adapter holds that order's lane while it proves what happened; ETH's stop is crossed a second
 * later and its exit must reach the venue at once, not behind BTC's lookups.
 */
describe('the unknown-outcome drill on the venue (examples/plans/drills/unknown-outcome-lane.json)', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'smart-orders-lane-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("sends ETH's stop exit at once while BTC's create is still unanswered, and both orders end", async () => {
    const read = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
    if (read._tag === 'Left') throw new Error(read.left.message);
    const eth = withQuantities(read.right.ticks.slice(0, 4000), read.right.quantities);
    const t0 = eth[0]?.ts ?? 0;
    // A second market on the same clock: flat, then up through BTC's take-profit at +70 s.
    const btc: VenueTick[] = eth
      .filter((_, i) => i % 10 === 0)
      .map((t) => ({
        type: 'Tick',
        symbol: 'BTC/USDT',
        ts: t.ts,
        price: t.ts < t0 + 70_000 ? 60_000 : 60_600,
        quantity: 1,
      }));
    const faults = parseFaults(JSON.parse(readFileSync(drill, 'utf8')));
    if (faults._tag === 'Left') throw new Error(faults.left.message);
    const ticks = [...eth, ...btc].sort((a, b) => a.ts - b.ts);
    const venue = await startVenue({
      ticks,
      symbols: ['ETH/USDT', 'BTC/USDT'],
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 100_000 },
      faults: faults.right,
    });
    try {
      // At 4 × real time from the run's subscription: played from the venue's own start, a run
      // slowed by a loaded machine met the fault's moment late (3 of 3 failed beside other jest
      // workers at load 25).
      const stopPlaying = playOnceTrading(venue, ticks, 4, 'ethusdt@trade');
      const run = await runCliWith(
        [
          ...['run', '--plan', drill, '--store', `sqlite:${join(dir, 'lane.sqlite')}`],
          ...['--exchange', 'binance', '--url', venue.url, '--format', 'jsonl'],
        ],
        env,
      );
      await stopPlaying();
      expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({
        status: 0,
        stderr: '',
      });
      const orders = (await (await fetch(`${venue.url}/control/orders`)).json()) as VenueOrder[];
      const btcEntry = orders.find((o) => o.symbol === 'BTCUSDT' && o.side === 'BUY');
      const ethStop = orders.find((o) => o.symbol === 'ETHUSDT' && o.side === 'SELL');
      expect(btcEntry?.answered).toBe(false);
      // The first print at or below the stop (2680.51), in recorded time.
      const crossing = eth.find((t) => (t.price ?? Infinity) <= 2680.51)?.ts ?? 0;
      expect(crossing).toBeGreaterThan(btcEntry?.receivedAt ?? Infinity);
      // Within 2 recorded seconds of the crossing (half a second of wall time at speed 4), while
      // BTC's create was still held for its deadline (Binance: the order's own recvWindow).
      expect((ethStop?.receivedAt ?? Infinity) - crossing).toBeLessThan(2_000);
      // Each order sent once: a client order id never twice.
      const ids = orders.map((o) => o.clientOrderId);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await venue.close();
    }
  }, 240_000);
});
