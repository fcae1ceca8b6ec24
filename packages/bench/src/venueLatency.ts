import { spawn, type ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { writeFileSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startVenue, type Venue } from '@smart-orders/venue';
import { percentile } from './stats';
import { collect, REPETITIONS } from './timing';

/**
 * Tick-to-wire latency on the venue: from the venue sending a trade on its WebSocket to the
 * venue receiving the order that trade triggered, as the venue's HTTP server sees the request
 * arrive. Two venues in this process, playing the same trades one at a time (step mode), each
 * with its own client process: `smart-orders run` on SQLite with a ladder of take-profits one
 * tick apart (each trade crosses exactly one), ten to a smart order, and a bare
 * `ccxt.pro.binance` client that sends the same order on the same trade. The venues take turns
 * trade by trade, and the repetitions too: trade k of each venue belongs to repetition k mod 5.
 * Blocks of 1,000 trades a repetition, one after the other, put a slow stretch of the shared
 * machine, or of `run`, into one repetition (its p50 up by a quarter while the bare client's,
 * bound by a fixed wait of its own, did not move), and the ratio's spread said more about the
 * machine than about the engine.
 */
export interface VenueLatencyRepetition {
  readonly engineP50: number;
  readonly engineP99: number;
  readonly bareP50: number;
  readonly bareP99: number;
  readonly samples: number;
}

const API_KEY = 'bench-key';
const SECRET = 'bench-secret';
const SYMBOL = 'ETH/USDT';
const TICK = 0.01;
/** A take-profit's quantity, the bare client's order's too: 27 USDT, above the minimum notional. */
const QUANTITY = 0.01;
/**
 * Take-profits of a smart order, each a tenth of it: a rung each. At one smart order a rung, the
 * 5,020 entries of 1,000 trades a repetition were not all accepted within the setup's 5 minutes.
 */
const LEVELS = 10;
const LADDER_FROM = 2700;
const BELOW = 2680;
/** Trades below the ladder: one every 150 ms while the engine's entries are placed (5 min at most). */
const PRIMING = 2_000;
/** A trade whose order has not arrived after this long sent none: the run is broken. */
const NO_ORDER_AFTER_MS = 10_000;

const priceAt = (i: number): number => Math.round((LADDER_FROM + TICK * (i + 1)) * 100) / 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for `done()` to hold, checking every 50 ms; fails after `ms` naming what it waited for. */
const until = async (what: string, done: () => Promise<boolean> | boolean, ms: number) => {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`venue latency: ${what} after ${ms} ms`);
    await sleep(50);
  }
};

const orderRequests = async (venue: Venue): Promise<{ side: string | null; accepted: boolean }[]> =>
  (await (await fetch(`${venue.url}/control/orders`)).json()) as {
    side: string | null;
    accepted: boolean;
  }[];

export const venueLatency = async (
  dir: string,
  repo: string,
  options: { readonly samples: number; readonly warmUp: number; readonly repetitions?: number },
): Promise<VenueLatencyRepetition[]> => {
  const repetitions = options.repetitions ?? REPETITIONS;
  const ladder = options.warmUp + repetitions * options.samples;
  if (ladder % LEVELS !== 0)
    throw new Error(`venue latency: ${ladder} rungs do not make smart orders of ${LEVELS} levels`);
  const entries = ladder / LEVELS;
  // Trades below the ladder first: `run` applies its plan on the first trade it sees, and the
  // entries fill there; then one trade per rung, each one tick above the last, 100 ms of venue
  // time apart.
  const ticks = [
    ...Array.from({ length: 1 + PRIMING }, () => BELOW),
    ...Array.from({ length: ladder }, (_, i) => priceAt(i)),
  ].map((price, i) => ({
    type: 'Tick' as const,
    symbol: SYMBOL,
    ts: 1_723_161_600_000 + i * 100,
    price,
    quantity: 10,
  }));
  const venueOf = () =>
    startVenue({
      ticks,
      symbol: SYMBOL,
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 100, USDT: 10_000_000 },
      // The figure is the time to the wire, not Binance's order limits: the engine's entries
      // at start (502 of them) would wait minutes behind 100 orders per 10 s.
      rateLimits: { requestWeightPerMinute: 100_000_000, ordersPer10Seconds: 100_000_000 },
    });
  const engineVenue = await venueOf();
  const bareVenue = await venueOf();

  // Order requests as the venues' HTTP servers receive them, before their bodies are read.
  const arrivals = new Map<number, number[]>([
    [engineVenue.port, []],
    [bareVenue.port, []],
  ]);
  const waiting = new Map<number, () => void>();
  const onRequest = (message: unknown): void => {
    const at = performance.now();
    const { request, server } = message as { request: IncomingMessage; server: Server };
    if (request.method !== 'POST' || !(request.url ?? '').startsWith('/api/v3/order')) return;
    const port = (server.address() as AddressInfo).port;
    arrivals.get(port)?.push(at);
    waiting.get(port)?.();
  };
  subscribe('http.server.request.start', onRequest);

  const children: ChildProcess[] = [];
  const start = (args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    // Read as an operator's terminal or log collector would: `run` writes every event to its
    // stdout, and a pipe no one reads fills, after which each write queued in `run`'s heap,
    // never sent, for the rest of the group.
    child.stdout?.resume();
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr = `${stderr}${d.toString()}`.slice(-4000)));
    child.on('exit', (code) => {
      if (code !== 0 && code !== null)
        process.stderr.write(`venue latency: ${args[0]} exited ${code}: ${stderr}\n`);
    });
    children.push(child);
    return child;
  };
  try {
    const plan = {
      orders: Array.from({ length: entries }, (_, k) => ({
        orderId: `wire-${k}`,
        exchange: 'binance',
        symbol: SYMBOL,
        side: 'BUY',
        quantity: QUANTITY * LEVELS,
        entry: { type: 'MARKET' },
        takeProfits: Array.from({ length: LEVELS }, (_, l) => ({
          price: priceAt(k * LEVELS + l),
          sizePct: 100 / LEVELS,
        })),
        market: { tickSize: TICK, stepSize: 0.0001 },
      })),
    };
    const planFile = join(dir, 'wire-plan.json');
    writeFileSync(planFile, JSON.stringify(plan));
    start(
      [
        join(repo, 'packages/cli/bin/smart-orders.js'),
        'run',
        '--plan',
        planFile,
        '--store',
        `sqlite:${join(dir, 'wire.sqlite')}`,
        '--exchange',
        'binance',
        '--url',
        engineVenue.url,
        '--format',
        'jsonl',
      ],
      { ...process.env, BINANCE_API_KEY: API_KEY, BINANCE_SECRET: SECRET },
    );
    const bare = start([
      join(__dirname, 'bareVenueClient.js'),
      bareVenue.url,
      API_KEY,
      SECRET,
      SYMBOL,
      String(priceAt(0)),
      String(TICK),
      String(QUANTITY),
    ]);
    let bareReady = false;
    bare.stdout?.on('data', (d: Buffer) => (bareReady ||= d.toString().includes('ready')));
    // A trade below the ladder every 150 ms until the engine has applied its plan (on the first
    // trade it sees) and every entry is accepted: a market that falls silent while the entries
    // are placed is stale to the engine, which then holds its remaining entries back (as it
    // should) and the setup waited for them forever. Then both venues play the rest of the
    // trades below the ladder, so that both stand at its foot.
    let primed = 0;
    await until(
      `the engine's ${entries} entries are not all accepted`,
      async () => {
        const accepted = (await orderRequests(engineVenue)).filter(
          (o) => o.side === 'BUY' && o.accepted,
        ).length;
        if (accepted === entries) return true;
        if (primed < PRIMING) {
          engineVenue.advance(1);
          primed += 1;
        }
        await sleep(150);
        return false;
      },
      PRIMING * 150,
    );
    await until('the bare client is not ready', () => bareReady, 60_000);
    engineVenue.advance(PRIMING - primed);
    bareVenue.advance(PRIMING);
    await sleep(2_000);

    const cursor = new Map<Venue, number>([
      [engineVenue, 0],
      [bareVenue, 0],
    ]);
    /**
     * One trade, and the time until its order arrives. A late order is a sample like any other
     * (the p99 is there to show it); only a trade whose order never came is an error, named
     * with its side and rung. The arrival is read from the venue's request hook, not from the
     * wait: after a pause of this process the wait's timer may run before the request that
     * arrived during it is seen.
     */
    const sample = async (venue: Venue, side: string, rung: number): Promise<number> => {
      const seen = arrivals.get(venue.port) as number[];
      const before = seen.length;
      const t0 = performance.now();
      // advance() writes the trade to every subscriber's socket before it returns.
      const advanced = venue.advance(1);
      if (advanced._tag === 'Left') throw new Error(advanced.left.message);
      const deadline = t0 + NO_ORDER_AFTER_MS;
      while (seen.length === before && performance.now() < deadline)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 100);
          waiting.set(venue.port, () => {
            clearTimeout(timer);
            resolve();
          });
        });
      waiting.delete(venue.port);
      if (seen.length === before)
        throw new Error(
          `venue latency: the ${side}'s trade at rung ${rung} sent no order within ${NO_ORDER_AFTER_MS / 1000} s`,
        );
      // The order's answer and its fill report are handled before the next trade.
      await sleep(15);
      return (seen[before] as number) - t0;
    };
    /** The next rung of a venue's ladder, played and timed. */
    const next = async (venue: Venue): Promise<number> => {
      const rung = cursor.get(venue) ?? 0;
      cursor.set(venue, rung + 1);
      return sample(venue, venue === engineVenue ? 'engine' : 'bare client', rung);
    };
    for (let k = 0; k < options.warmUp; k++) {
      await next(engineVenue);
      await next(bareVenue);
    }
    collect();
    const reps = {
      engine: Array.from({ length: repetitions }, () => [] as number[]),
      bare: Array.from({ length: repetitions }, () => [] as number[]),
    };
    // Trade k goes to repetition k mod 5, on both venues, the venue that goes first changing
    // every round: the machine's slow seconds, and the engine's own pauses (its full
    // collections), fall on every repetition alike instead of deciding one of them.
    for (let k = 0; k < repetitions * options.samples; k++) {
      const r = k % repetitions;
      const engineFirst = Math.floor(k / repetitions) % 2 === 0;
      for (const venue of engineFirst ? [engineVenue, bareVenue] : [bareVenue, engineVenue])
        (venue === engineVenue ? reps.engine : reps.bare)[r]?.push(await next(venue));
    }
    const played = cursor.get(engineVenue);
    if (played !== ladder || cursor.get(bareVenue) !== ladder)
      throw new Error(`played ${played} and ${cursor.get(bareVenue)} rungs of ${ladder}`);
    return reps.engine.map((engine, r) => {
      const bareSamples = reps.bare[r] as number[];
      return {
        engineP50: percentile(engine, 50),
        engineP99: percentile(engine, 99),
        bareP50: percentile(bareSamples, 50),
        bareP99: percentile(bareSamples, 99),
        samples: engine.length,
      };
    });
  } finally {
    unsubscribe('http.server.request.start', onRequest);
    for (const child of children) child.kill('SIGKILL');
    await engineVenue.close();
    await bareVenue.close();
  }
};
