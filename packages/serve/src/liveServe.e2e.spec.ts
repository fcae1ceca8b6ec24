import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseClientOrderId } from '@smart-orders/core';
import { readTicks } from '@smart-orders/replay-files';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';
import { startVenue, withQuantities, type Venue } from '@smart-orders/venue';
import type { MarketStatus, OrderChange } from './panelApi';
import { ethTicksFile } from './testing/panelFixture';
import { connectPush, type PushClient } from './testing/pushClient';
import { startServeProcess, type ServeProcess } from './testing/serveProcess';

const API_KEY = 'serve-e2e-key';
const SECRET = 'serve-e2e-secret-never-printed';

jest.setTimeout(120_000);

const post = async (url: string, body: unknown): Promise<{ status: number; body: OrderChange }> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as OrderChange };
};

const eventTypes = (client: PushClient, orderId: string): string[] =>
  client.received.flatMap((r) =>
    r.message.type === 'event' && r.message.event.orderId === orderId ? [r.message.event.type] : [],
  );

describe('smart-orders serve on a live exchange (the local Binance venue)', () => {
  let dir: string;
  let venue: Venue;
  let server: ServeProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'serve-live-'));
    const read = await readTicks(ethTicksFile, { symbol: 'ETH/USDT' });
    if (read._tag === 'Left') throw new Error(read.left.message);
    venue = await startVenue({
      ticks: withQuantities(read.right.ticks.slice(0, 4000), read.right.quantities),
      symbol: 'ETH/USDT',
      speed: 4,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { ETH: 1, USDT: 100_000 },
    });
    server = await startServeProcess(liveArgs(), liveEnv());
  });

  const liveArgs = (file = 'live.sqlite'): string[] => [
    '--exchange',
    'binance',
    '--url',
    venue.url,
    '--symbol',
    'ETH/USDT',
    '--store',
    `sqlite:${join(dir, file)}`,
    '--port',
    '0',
  ];
  const liveEnv = (): NodeJS.ProcessEnv => ({
    ...process.env,
    BINANCE_API_KEY: API_KEY,
    BINANCE_SECRET: SECRET,
  });

  afterAll(async () => {
    expect(await server?.stop()).toBe(0);
    expect(server?.stderr()).not.toContain(SECRET);
    await venue?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("feeds the venue's trades to the engine, places a created order there, and cancels it with a flatten", async () => {
    const client = await connectPush(server.url);
    const snapshot = await client.next((m) => m.type === 'snapshot');
    expect(snapshot.type === 'snapshot' && snapshot.market).toMatchObject({
      mode: 'live',
      exchange: 'binance',
      replay: null,
    });
    const priced = await client.next(
      (m) => m.type === 'market' && m.market.prices['ETH/USDT'] !== undefined,
      30_000,
    );
    const last = (priced as { market: MarketStatus }).market.prices['ETH/USDT'] as number;

    const created = await post(`${server.url}/api/orders`, {
      orderId: 'live-1',
      symbol: 'ETH/USDT',
      side: 'BUY',
      quantity: 0.05,
      entry: { type: 'MARKET' },
      takeProfits: [{ price: Math.round((last + 40) * 100) / 100, sizePct: 100 }],
      stopLoss: { price: Math.round((last - 40) * 100) / 100 },
      market: { tickSize: 0.01, stepSize: 0.0001 },
    });
    expect(created.status).toBe(201);
    expect(created.body.events[0]).toMatchObject({
      type: 'SmartOrderCreated',
      data: { exchange: 'binance' },
    });
    await client.next(
      (m) => m.type === 'order' && m.order.orderId === 'live-1' && m.order.status === 'ACTIVE',
      30_000,
    );

    const placed = (await (await fetch(`${venue.url}/control/orders`)).json()) as {
      clientOrderId?: string;
      newClientOrderId?: string;
    }[];
    expect(placed.length).toBeGreaterThanOrEqual(1);

    const cancelled = await post(`${server.url}/api/orders/live-1/cancel`, { flatten: true });
    expect(cancelled.status).toBe(200);
    await client.next(
      (m) => m.type === 'order' && m.order.orderId === 'live-1' && m.order.status === 'CANCELLED',
      30_000,
    );
    expect(eventTypes(client, 'live-1')).toEqual(
      expect.arrayContaining(['EntryFilled', 'OcoCancelled', 'SmartOrderCancelled']),
    );
    const account = (await (await fetch(`${venue.url}/control/account`)).json()) as {
      workingOrders: unknown[];
    };
    expect(account.workingOrders).toEqual([]);
    await client.close();
  });

  // After the trading test: the venue plays its recording for some 30 s, and a second process
  // starting takes seconds of it.
  it('owns its partition by a lease: a second live panel on the store is refused while it renews', async () => {
    expect(server.stderr()).toMatch(/lease-default: taken by \S+ at epoch 1/);
    await expect(startServeProcess(liveArgs(), liveEnv())).rejects.toThrow(
      /serve exited with 2 before listening: [\s\S]*--partition: lease-default: held by \S+ \(epoch 1\), which renews it: another engine owns this partition; start this one with --standby/,
    );
  });

  it('guards the account default as run does (SEMANTICS §7 v2): reconciled with the venue at start, the ETH held before as its baseline, heartbeats for the watchdog', async () => {
    const store = getSqliteEventStore(join(dir, 'live.sqlite'));
    try {
      const events = await store.readStream('account-default');
      const types = events.map((e) => e.type);
      // Alive from the first moment, then the gate: compared before anything was sent.
      const started = types.indexOf('ReconciliationStarted');
      expect(started).toBeGreaterThan(-1);
      expect(types.indexOf('ReconciliationCompleted')).toBeGreaterThan(started);
      expect(types.slice(0, started).every((t) => t === 'HeartbeatRecorded')).toBe(true);
      expect(types).not.toContain('ReconciliationDiverged');
      expect(events.find((e) => e.type === 'BalanceBaselineRecorded')?.data).toEqual({
        asset: 'ETH',
        quantity: 1,
        previous: null,
      });
      expect(types.filter((t) => t === 'HeartbeatRecorded').length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  });

  it("runs without the account protocols with --no-account-protocols, as an embedder's account: false: said on stderr, a create sent with no gate to pass, nothing written to the account stream", async () => {
    const bare = await startServeProcess(
      [...liveArgs('bare.sqlite'), '--no-account-protocols'],
      liveEnv(),
    );
    try {
      expect(bare.stderr()).toContain(
        'account protocols off (--no-account-protocols): no reconciliation gate at start or after a reconnect, no heartbeats (a watchdog cannot watch this engine)',
      );
      // At once after start: a guarded panel refuses this RECONCILIATION_PENDING until its gate opens.
      const created = await post(`${bare.url}/api/orders`, {
        orderId: 'bare-1',
        symbol: 'ETH/USDT',
        side: 'BUY',
        quantity: 0.05,
        entry: { type: 'LIMIT', price: 1000 },
        takeProfits: [{ price: 1100, sizePct: 100 }],
        stopLoss: { price: 900 },
        market: { tickSize: 0.01, stepSize: 0.0001 },
      });
      expect(created).toMatchObject({ status: 201 });
      const sent = async (): Promise<boolean> =>
        (
          (await (await fetch(`${venue.url}/control/orders`)).json()) as {
            clientOrderId?: string;
          }[]
        ).some((o) => parseClientOrderId('bare-1', o.clientOrderId ?? '') !== null);
      const deadline = Date.now() + 30_000;
      while (!(await sent()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(await sent()).toBe(true);
      expect((await post(`${bare.url}/api/orders/bare-1/cancel`, {})).status).toBe(200);
      const idle = async (): Promise<boolean> =>
        (
          (await (await fetch(`${venue.url}/control/account`)).json()) as {
            workingOrders: unknown[];
          }
        ).workingOrders.length === 0;
      while (!(await idle()) && Date.now() < deadline + 30_000)
        await new Promise((r) => setTimeout(r, 200));
      expect(await idle()).toBe(true);
    } finally {
      expect(await bare.stop()).toBe(0);
    }
    // More than a heartbeat period (1 s) has passed: a guarded panel would have written several.
    const store = getSqliteEventStore(join(dir, 'bare.sqlite'));
    try {
      expect(await store.readStream('account-default')).toEqual([]);
      expect((await store.readStream('smart-order-bare-1')).map((e) => e.type)).toContain(
        'SmartOrderCancelled',
      );
    } finally {
      await store.close();
    }
  });
});
