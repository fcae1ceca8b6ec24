import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getCcxtExchange } from '@smart-orders/exchange-ccxt';
import { readTicks } from '@smart-orders/replay-files';
import {
  pointCcxtAtVenue,
  startVenue,
  withQuantities,
  type CcxtExchangeLike,
  type Venue,
} from '@smart-orders/venue';
import { exampleTicks, repoRoot, runCli, runCliAsync, startCli } from './testing/runCli';

const API_KEY = 'drill-key';
const SECRET = 'drill-secret';
const env = { ...process.env, BINANCE_API_KEY: API_KEY, BINANCE_SECRET: SECRET };

interface VenueOrder {
  readonly clientOrderId?: string;
  readonly newClientOrderId?: string;
  readonly error?: { readonly code: number } | null;
}
interface Line {
  readonly stream: string;
  readonly type: string;
  readonly ts: number;
  readonly data: Record<string, unknown>;
}

const idOf = (o: VenueOrder) => o.clientOrderId ?? o.newClientOrderId ?? '';
const venueOrders = async (venue: Venue): Promise<VenueOrder[]> =>
  (await (await fetch(`${venue.url}/control/orders`)).json()) as VenueOrder[];
const ethHeld = async (venue: Venue): Promise<number> => {
  const account = (await (await fetch(`${venue.url}/control/account`)).json()) as {
    balances: { asset: string; total: number }[];
  };
  return account.balances.find((b) => b.asset === 'ETH')?.total ?? 0;
};
// Without blocking: the venue lives in this process and must keep answering the run meanwhile.
const audit = async (db: string): Promise<Line[]> =>
  (await runCliAsync(['audit', '--all', '--store', `sqlite:${db}`, '--format', 'jsonl'])).stdout
    .trim()
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Line);
const until = async (what: () => Promise<boolean>, ms: number): Promise<boolean> => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await what()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

describe('the emergency drills on the venue (run, watchdog)', () => {
  let dir: string;
  let ticks: Awaited<ReturnType<typeof readTicks>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smart-orders-drills-'));
    ticks = await readTicks(exampleTicks, { symbol: 'ETH/USDT' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const venueWith = (balances: Record<string, number>, speed: number): Promise<Venue> => {
    if (ticks._tag === 'Left') throw new Error(ticks.left.message);
    return startVenue({
      ticks: withQuantities(ticks.right.ticks.slice(0, 4000), ticks.right.quantities),
      symbol: 'ETH/USDT',
      speed,
      apiKey: API_KEY,
      secret: SECRET,
      balances,
    });
  };
  const firstTickTs = (): number => (ticks._tag === 'Right' ? (ticks.right.ticks[0]?.ts ?? 0) : 0);
  const drillPlan = (name: string): string => join(repoRoot, 'examples/plans/drills', name);
  const runArgs = (plan: string, db: string, venue: Venue): string[] => [
    'run',
    '--plan',
    plan,
    '--store',
    `sqlite:${db}`,
    '--exchange',
    'binance',
    '--url',
    venue.url,
    '--format',
    'jsonl',
  ];

  it('ETH held outside the engine and an orphaned order planted on the venue: the ETH becomes the baseline, the reconciliation diverges on the order, the entry waits and nothing is sent', async () => {
    const venue = await venueWith({ ETH: 0.5, USDT: 100_000 }, 4);
    const planted = getCcxtExchange({
      exchangeId: 'binance',
      credentials: { apiKey: API_KEY, secret: SECRET },
      configure: (ex: unknown) => void pointCcxtAtVenue(ex as CcxtExchangeLike, venue.url),
    });
    if (planted._tag === 'Left') throw new Error(planted.left.message);
    const db = join(dir, 'ghost.sqlite');
    let child: ReturnType<typeof startCli> | undefined;
    try {
      const manual = await planted.right.place({
        clientOrderId: 'by-hand-1',
        orderId: 'by-hand',
        symbol: 'ETH/USDT',
        side: 'BUY',
        type: 'LIMIT',
        quantity: 0.01,
        price: 2000,
        reduceOnly: false,
        ts: Date.now(),
      });
      expect(manual._tag).toBe('Right');
      child = startCli(runArgs(drillPlan('ghost-position.json'), db, venue), env);
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      // A halt is temporary: the plan's entry waits for the account to trade, and run with it.
      expect(
        await until(async () => /ghost-entry waits: TRADING_HALTED/.test(stderr), 90_000),
      ).toBe(true);
      await new Promise((r) => setTimeout(r, 2_000));
      expect(child.exitCode).toBeNull();
      const log = await audit(db);
      expect(log.find((l) => l.type === 'BalanceBaselineRecorded')?.data).toEqual({
        asset: 'ETH',
        quantity: 0.5,
        previous: null,
      });
      const diverged = log.find((l) => l.type === 'ReconciliationDiverged');
      expect(diverged?.data).toMatchObject({ reason: 'START', policy: 'HALT', halted: true });
      expect(diverged?.data.differences).toEqual([
        {
          kind: 'ORPHANED_ORDER',
          symbol: 'ETH/USDT',
          expected: 0,
          actual: 1,
          clientOrderId: 'by-hand-1',
        },
      ]);
      expect(log.some((l) => l.type === 'ReconciliationCompleted')).toBe(false);
      expect(log.some((l) => l.type === 'SmartOrderCreated')).toBe(false);
      expect((await venueOrders(venue)).map(idOf)).toEqual(['by-hand-1']);
    } finally {
      if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
      await planted.right.close();
      await venue.close();
    }
  }, 120_000);

  it('a daily loss limit hit on the venue while it refuses market orders: run trips, falls back to a limit exit, confirms flat and ends', async () => {
    const venue = await venueWith({ ETH: 0, USDT: 100_000 }, 2);
    // The venue refuses market orders from the start, so no race decides what it refuses: the
    // entry is a marketable limit (2,700 against a market at 2,682), which the venue fills in parts
    // print by print, and the entry's fees reach the loss limit while it is still filling.
    const from = firstTickTs();
    await fetch(`${venue.url}/control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ from, to: from + 3_600_000, rejectMarketOrders: true }]),
    });
    const db = join(dir, 'loss.sqlite');
    const child = startCli(runArgs(drillPlan('venue-daily-loss.json'), db, venue), env);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      expect(await exited).toBe(0);
      const log = await audit(db);
      const types = log.map((l) => l.type);
      expect(log.find((l) => l.type === 'KillSwitchTripped')?.data).toMatchObject({
        reason: 'DAILY_LOSS_LIMIT',
      });
      expect(types).toEqual(
        expect.arrayContaining([
          'SmartOrderCancelled',
          'FlattenExitRequested',
          'FlattenRetriedAsLimit',
          'FlattenConfirmed',
        ]),
      );
      expect(log.find((l) => l.type === 'FlattenRetriedAsLimit')?.data).toMatchObject({
        reason: 'REJECTED',
      });
      // Flat: less than one step (0.0001) is left, the fee withheld from the entry's parts.
      expect(await ethHeld(venue)).toBeLessThan(0.0001);
      // No exit asked for coins that were sold already or still locked in a working exit.
      const refused = (await venueOrders(venue)).filter((o) => o.error?.code === -2010);
      expect(refused.map(idOf)).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      if (stderr.includes('Error')) console.warn(stderr);
      await venue.close();
    }
  }, 180_000);

  it('a reconnect closes the gate again: run compares the log with the venue before it sends anything more', async () => {
    const venue = await venueWith({ ETH: 0, USDT: 100_000 }, 1);
    const db = join(dir, 'reconnect.sqlite');
    const child = startCli(runArgs(drillPlan('reconnect.json'), db, venue), env);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    try {
      expect(await until(async () => (await ethHeld(venue)) > 0.19, 60_000)).toBe(true);
      const state = (await (await fetch(`${venue.url}/control/state`)).json()) as { now: number };
      await fetch(`${venue.url}/control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([{ at: state.now + 1_000, closeWebSocket: true }]),
      });
      const reconciled = async () =>
        (await audit(db)).filter(
          (l) => l.type === 'ReconciliationCompleted' && l.data.reason === 'RECONNECT',
        );
      expect(await until(async () => (await reconciled()).length > 0, 60_000)).toBe(true);
      const log = await audit(db);
      const started = log.findIndex(
        (l) => l.type === 'ReconciliationStarted' && l.data.reason === 'RECONNECT',
      );
      expect(started).toBeGreaterThan(-1);
      expect((await reconciled())[0]?.data).toMatchObject({ positions: 1, workingOrders: 0 });
      expect(log.some((l) => l.type === 'ReconciliationDiverged')).toBe(false);
    } finally {
      child.kill('SIGKILL');
      await exited;
      await venue.close();
    }
  }, 180_000);

  it('a venue in step mode that plays no tick for 12 s: the account stream records MarketDataStale, and the next tick MarketDataResumed; the webhook is told both', async () => {
    if (ticks._tag === 'Left') throw new Error(ticks.left.message);
    const venue = await startVenue({
      ticks: withQuantities(ticks.right.ticks.slice(0, 4000), ticks.right.quantities),
      symbol: 'ETH/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 0, USDT: 100_000 },
    });
    // A local webhook receiver: the STALE_DATA alert is the engine's event, not a clock of its own.
    const alerts: { kind: string; event: { type: string } }[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        alerts.push(JSON.parse(body) as { kind: string; event: { type: string } });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    const hookAddress = hook.address();
    const hookPort = typeof hookAddress === 'object' && hookAddress !== null ? hookAddress.port : 0;
    const db = join(dir, 'stale.sqlite');
    const child = startCli(
      [
        ...runArgs(drillPlan('stale-data.json'), db, venue),
        '--webhook-url',
        `http://127.0.0.1:${hookPort}/hook`,
      ],
      { ...env, SMART_ORDERS_WEBHOOK_SECRET: 'drill-webhook-signing-secret' },
    );
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const advance = (n: number) =>
      fetch(`${venue.url}/control/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ticks: n }),
      });
    const has = async (type: string) => (await audit(db)).some((l) => l.type === type);
    try {
      // Ticks until the resting bid is on the venue: a symbol with an open order.
      expect(
        await until(async () => {
          await advance(5);
          return (await venueOrders(venue)).length > 0;
        }, 60_000),
      ).toBe(true);
      const silentFrom = Date.now();
      expect(await until(() => has('MarketDataStale'), 30_000)).toBe(true);
      // Measured on the engine's clock from the last tick it received (a moment before
      // silentFrom), so not much before 10 s.
      expect(Date.now() - silentFrom).toBeGreaterThanOrEqual(9_000);
      await new Promise((r) => setTimeout(r, Math.max(0, silentFrom + 12_000 - Date.now())));
      expect(await has('MarketDataResumed')).toBe(false);
      // The next ticks: the first may share its time and fields with the last one played, which
      // makes it a duplicate (SEMANTICS §6) that decides nothing.
      await advance(10);
      expect(await until(() => has('MarketDataResumed'), 15_000)).toBe(true);
      const log = await audit(db);
      const stale = log.find((l) => l.type === 'MarketDataStale');
      expect(stale?.stream).toBe('account-default');
      expect(stale?.data).toMatchObject({ symbol: 'ETH/USDT' });
      expect(typeof stale?.data.lastTickTs).toBe('number');
      expect(log.find((l) => l.type === 'MarketDataResumed')?.data).toEqual({
        symbol: 'ETH/USDT',
      });
      const staleAlerts = () =>
        alerts.filter((a) => a.kind === 'STALE_DATA' || a.kind === 'DATA_RESUMED');
      expect(await until(async () => staleAlerts().length >= 2, 15_000)).toBe(true);
      expect(staleAlerts().map((a) => [a.kind, a.event.type])).toEqual([
        ['STALE_DATA', 'MarketDataStale'],
        ['DATA_RESUMED', 'MarketDataResumed'],
      ]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      if (stderr !== '') console.warn(stderr);
      await venue.close();
      hook.closeAllConnections();
      await new Promise((r) => hook.close(r));
    }
  }, 120_000);

  it('flattenAfterStaleMs on the venue in step mode: no tick for 8 s after the entry, run flattens ETH/USDT alone (FlattenRequested names it), the account stays ACTIVE, and run ends flat', async () => {
    if (ticks._tag === 'Left') throw new Error(ticks.left.message);
    const venue = await startVenue({
      ticks: withQuantities(ticks.right.ticks.slice(0, 4000), ticks.right.quantities),
      symbol: 'ETH/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 0, USDT: 100_000 },
      // Whole fills: the drill's market goes silent, and a size-limited exit has no print to
      // fill against until the next tick.
      sizeLimits: false,
    });
    const db = join(dir, 'stale-flatten.sqlite');
    const child = startCli(runArgs(drillPlan('stale-flatten.json'), db, venue), env);
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const advance = (n: number) =>
      fetch(`${venue.url}/control/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ticks: n }),
      });
    try {
      // Ticks until the market entry has bought; then the venue plays nothing more.
      expect(
        await until(async () => {
          await advance(5);
          return (await ethHeld(venue)) > 0.19;
        }, 60_000),
      ).toBe(true);
      const silentFrom = Date.now();
      expect(await until(async () => (await ethHeld(venue)) < 0.0001, 40_000)).toBe(true);
      // Measured on the engine's clock from the last tick it received (a moment before
      // silentFrom): not much before 8 s.
      expect(Date.now() - silentFrom).toBeGreaterThanOrEqual(7_000);
      // The market comes back: its first tick finds the plan done and the account flat.
      expect(
        await until(async () => {
          await advance(2);
          return child.exitCode !== null;
        }, 30_000),
      ).toBe(true);
      expect(await exited).toBe(0);
      const log = await audit(db);
      const types = log.map((l) => l.type);
      expect(types.indexOf('MarketDataStale')).toBeGreaterThan(-1);
      expect(types.indexOf('MarketDataStale')).toBeLessThan(types.indexOf('FlattenRequested'));
      expect(log.find((l) => l.type === 'FlattenRequested')?.data).toMatchObject({
        reason: 'MARKET_DATA_STALE',
        symbol: 'ETH/USDT',
        // The 0.2 bought less the venue's default fee, 10 bps withheld in ETH.
        positions: [{ symbol: 'ETH/USDT', quantity: 0.1998 }],
      });
      expect(log.find((l) => l.type === 'FlattenExitRequested')?.data).toMatchObject({
        symbol: 'ETH/USDT',
        side: 'SELL',
        quantity: 0.1998,
      });
      expect(types).toEqual(expect.arrayContaining(['SmartOrderCancelled', 'FlattenConfirmed']));
      // A symbol's flatten is no kill switch: the account was never halted.
      expect(types).not.toContain('KillSwitchTripped');
      expect(log.some((l) => l.type === 'TradingStateChanged' && l.data.to === 'HALTED')).toBe(
        false,
      );
      const account = (await (await fetch(`${venue.url}/control/account`)).json()) as {
        workingOrders: unknown[];
      };
      expect(account.workingOrders).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      if (stderr.includes('Error')) console.warn(stderr);
      await venue.close();
    }
  }, 120_000);

  it('an exchange that does not answer reads during the reconciliation after a reconnect: sending stays held, heartbeats stop, and the watchdog trips and flattens once it can read', async () => {
    const venue = await venueWith({ ETH: 0, USDT: 100_000 }, 1);
    const db = join(dir, 'unreadable.sqlite');
    const engine = startCli(runArgs(drillPlan('unreadable-reconciliation.json'), db, venue), env);
    let engineErr = '';
    engine.stderr?.on('data', (d: Buffer) => (engineErr += d.toString()));
    const engineExited = new Promise((resolve) => engine.on('exit', resolve));
    let watchdog: ReturnType<typeof startCli> | undefined;
    const maxSilence = 3;
    try {
      expect(await until(async () => (await ethHeld(venue)) > 0.19, 60_000)).toBe(true);
      watchdog = startCli(
        [
          'watchdog',
          '--store',
          `sqlite:${db}`,
          '--exchange',
          'binance',
          '--url',
          venue.url,
          '--max-silence',
          String(maxSilence),
          '--account',
          'blind',
          '--poll-ms',
          '250',
        ],
        env,
      );
      let watchdogErr = '';
      watchdog.stderr?.on('data', (d: Buffer) => (watchdogErr += d.toString()));
      expect(await until(async () => watchdogErr.includes('watching account-blind'), 30_000)).toBe(
        true,
      );
      // The venue stops answering reads of the account for 15 recorded seconds, and drops its
      // sockets: run reconnects, and its reconciliation cannot read.
      const state = (await (await fetch(`${venue.url}/control/state`)).json()) as { now: number };
      const ordersBefore = (await venueOrders(venue)).length;
      const posted = await fetch(`${venue.url}/control/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([
          { from: state.now, to: state.now + 15_000, refuseAccountReads: true },
          { at: state.now + 500, closeWebSocket: true },
        ]),
      });
      expect(posted.status).toBe(200);
      const tripped = async () =>
        (await audit(db)).find((l) => l.type === 'KillSwitchTripped') !== undefined;
      expect(await until(tripped, 30_000)).toBe(true);
      // Sending held: not one order reached the venue from the reconnect to the trip (and the
      // watchdog's exits wait for it to read the account).
      expect((await venueOrders(venue)).length).toBe(ordersBefore);
      // Alive all along: blind, not dead.
      expect(engine.exitCode).toBeNull();

      const flat = async () => (await ethHeld(venue)) < 0.0001;
      expect(await until(flat, 40_000)).toBe(true);
      expect(
        await until(
          async () => (await audit(db)).some((l) => l.type === 'FlattenConfirmed'),
          10_000,
        ),
      ).toBe(true);
      const log = await audit(db);
      const started = log.findIndex(
        (l) => l.type === 'ReconciliationStarted' && l.data.reason === 'RECONNECT',
      );
      const trip = log.findIndex((l) => l.type === 'KillSwitchTripped');
      expect(started).toBeGreaterThan(-1);
      expect(trip).toBeGreaterThan(started);
      expect(log[trip]?.data).toMatchObject({ reason: 'HEARTBEAT_LOST' });
      // Between the gate closing and the trip: not one heartbeat, and the gate never opened.
      const between = log.slice(started + 1, trip).map((l) => l.type);
      expect(between).not.toContain('HeartbeatRecorded');
      expect(between).not.toContain('ReconciliationCompleted');
      const lastBeat = Math.max(
        ...log
          .slice(0, started)
          .filter((l) => l.type === 'HeartbeatRecorded')
          .map((l) => l.ts),
      );
      expect((log[trip]?.ts ?? 0) - lastBeat).toBeGreaterThan(maxSilence * 1_000);
      expect(log.map((l) => l.type)).toEqual(
        expect.arrayContaining(['FlattenRequested', 'FlattenExitRequested', 'FlattenConfirmed']),
      );
    } finally {
      if (engine.exitCode === null) engine.kill('SIGKILL');
      await engineExited;
      watchdog?.kill('SIGTERM');
      if (watchdog !== undefined) await new Promise((resolve) => watchdog?.on('exit', resolve));
      await venue.close();
    }
  }, 180_000);

  it('the watchdog refuses the paper exchange: it lives and dies inside its engine', () => {
    const refused = runCli([
      'watchdog',
      '--store',
      'memory:',
      '--exchange',
      'paper',
      '--max-silence',
      '2',
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--exchange: paper');
  });

  interface DrillSetup {
    readonly plan: string;
    readonly account: string;
    /** ETH on the account before the plan, held outside the engine. */
    readonly outside: number;
    readonly maxSilence: number;
  }
  const guardedPlan: DrillSetup = {
    plan: 'watchdog-held-long.json',
    account: 'watched',
    outside: 0,
    maxSilence: 2,
  };

  /** `faults`: posted to the venue once the engine holds its position. */
  const watchdogDrill = async (
    name: string,
    faults: object[],
    setup: DrillSetup = guardedPlan,
  ): Promise<Line[]> => {
    const { outside, maxSilence } = setup;
    const venue = await venueWith({ ETH: outside, USDT: 100_000 }, 1);
    const db = join(dir, `${name}.sqlite`);
    const plan = drillPlan(setup.plan);
    const engine = startCli(runArgs(plan, db, venue), env);
    const engineExited = new Promise((resolve) => engine.on('exit', resolve));
    let watchdog: ReturnType<typeof startCli> | undefined;
    try {
      expect(await until(async () => (await ethHeld(venue)) > outside + 0.19, 60_000)).toBe(true);
      if (faults.length > 0) {
        const posted = await fetch(`${venue.url}/control/faults`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(faults),
        });
        expect(posted.status).toBe(200);
      }
      watchdog = startCli(
        [
          'watchdog',
          '--store',
          `sqlite:${db}`,
          '--exchange',
          'binance',
          '--url',
          venue.url,
          '--max-silence',
          String(maxSilence),
          '--account',
          setup.account,
          '--poll-ms',
          '100',
        ],
        env,
      );
      let watchdogErr = '';
      watchdog.stderr?.on('data', (d: Buffer) => (watchdogErr += d.toString()));
      expect(
        await until(async () => watchdogErr.includes(`watching account-${setup.account}`), 30_000),
      ).toBe(true);
      // Twice the threshold with the engine alive: the watchdog does nothing.
      await new Promise((r) => setTimeout(r, maxSilence * 2_000 + 500));
      expect((await venueOrders(venue)).map(idOf).filter((id) => id.startsWith('sok'))).toEqual([]);
      expect((await audit(db)).some((l) => l.type === 'KillSwitchTripped')).toBe(false);
      // The 0.2 bought less the venue's default fee, 10 bps withheld in ETH.
      expect(await ethHeld(venue)).toBeCloseTo(outside + 0.1998, 8);

      engine.kill('SIGKILL');
      await engineExited;
      const killedAt = Date.now();
      // Flat: the ETH held before the plan, within one step; coins held outside are not sold.
      const flat = async () => Math.abs((await ethHeld(venue)) - outside) < 0.0001;
      expect(await until(flat, 15_000)).toBe(true);
      const flatWithin = Date.now() - killedAt;
      expect(
        await until(
          async () => (await audit(db)).some((l) => l.type === 'FlattenConfirmed'),
          5_000,
        ),
      ).toBe(true);
      const log = await audit(db);
      const tripped = log.find((l) => l.type === 'KillSwitchTripped');
      expect(tripped?.data).toMatchObject({ reason: 'HEARTBEAT_LOST' });
      const lastBeat = Math.max(
        ...log.filter((l) => l.type === 'HeartbeatRecorded').map((l) => l.ts),
      );
      // Acts after the silence passed, and within a second or two of it.
      expect((tripped?.ts ?? 0) - lastBeat).toBeGreaterThan(maxSilence * 1_000);
      expect((tripped?.ts ?? 0) - lastBeat).toBeLessThan(maxSilence * 1_000 + 2_000);
      expect(flatWithin).toBeLessThan(10_000);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await flat()).toBe(true);
      expect(log.map((l) => l.type)).toEqual(
        expect.arrayContaining(['FlattenRequested', 'FlattenExitRequested', 'FlattenConfirmed']),
      );
      return log;
    } finally {
      if (engine.exitCode === null) engine.kill('SIGKILL');
      watchdog?.kill('SIGTERM');
      if (watchdog !== undefined) await new Promise((resolve) => watchdog?.on('exit', resolve));
      await venue.close();
    }
  };

  it('the watchdog never acts while the engine is alive, and flattens the venue account within its threshold after kill -9 of the engine', async () => {
    const log = await watchdogDrill('watchdog', []);
    expect(log.filter((l) => l.type === 'FlattenExitRequested')).toHaveLength(1);
    expect(log.some((l) => l.type === 'FlattenRetriedAsLimit')).toBe(false);
  }, 180_000);

  it('a plan with no account section is guarded too: ETH held outside the engine is no divergence, and after kill -9 of run the watchdog sells only what the plan bought', async () => {
    const log = await watchdogDrill('held-outside', [], {
      plan: 'held-outside.json',
      account: 'default',
      outside: 1.5,
      maxSilence: 3,
    });
    expect(log.find((l) => l.type === 'BalanceBaselineRecorded')?.data).toEqual({
      asset: 'ETH',
      quantity: 1.5,
      previous: null,
    });
    expect(log.some((l) => l.type === 'ReconciliationDiverged')).toBe(false);
    const exits = log.filter((l) => l.type === 'FlattenExitRequested');
    expect(exits.map((l) => l.data)).toEqual([
      // What the plan holds: the 0.2 bought less the 10 bps the venue withheld in ETH.
      expect.objectContaining({ symbol: 'ETH/USDT', side: 'SELL', quantity: 0.1998 }),
    ]);
  }, 180_000);

  it('the watchdog falls back to a marketable limit when the venue refuses its market exit, and confirms flat', async () => {
    // Refused from the moment the engine holds its position: the exit cannot go at market.
    const from = firstTickTs();
    const log = await watchdogDrill('watchdog-limit', [
      { from, to: from + 3_600_000, rejectMarketOrders: true },
    ]);
    const retried = log.find((l) => l.type === 'FlattenRetriedAsLimit');
    expect(retried?.data).toMatchObject({ reason: 'REJECTED', side: 'SELL', quantity: 0.1998 });
    // The venue fills the limit exit at most a print at a time. A limit the market leaves behind
    // is cancelled and, once gone, replaced at the current price by another client order id.
    // The watchdog learns each exit's fills by looking it up after reading the account, and
    // confirms only once every exit has reported its end: the last recorded fill leaves the
    // account flat, and at most dust below one step (0.0001 ETH, which no order can sell: the
    // fees withheld in ETH are exact to 8 decimals) is closed at the mark.
    const exitIds = new Set(
      log
        .filter((l) => ['FlattenExitRequested', 'FlattenRetriedAsLimit'].includes(l.type))
        .map((l) => l.data.clientOrderId),
    );
    const fills = log.filter((l) => l.type === 'FillRecorded' && exitIds.has(l.data.clientOrderId));
    const dust = (quantity: unknown) => Math.abs(Number(quantity)) < 0.0001;
    expect(dust(fills.at(-1)?.data['position'])).toBe(true);
    const closedAtMark = log.find((l) => l.type === 'FlattenConfirmed')?.data['closedAtMark'];
    expect((closedAtMark as { quantity: number }[]).every((c) => dust(c.quantity))).toBe(true);
  }, 180_000);
});
