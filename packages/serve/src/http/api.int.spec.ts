import { request } from 'node:http';
import { startServe } from '../startServe';
import { getInMemoryEventStore } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { ETH_FIRST_TS, ethLong, startPanel, type Panel } from '../testing/panelFixture';
import { replayUntil } from '../testing/playUntil';

const ladder = (orderId: string) => ({
  ...ethLong(orderId),
  takeProfits: [
    { price: 2683, sizePct: 40 },
    { price: 2684, sizePct: 40 },
    { price: 2690, sizePct: 20 },
  ],
});

describe('the HTTP API', () => {
  let panel: Panel;
  beforeEach(async () => {
    panel = await startPanel();
  });
  afterEach(async () => panel.close());

  it('creates an order stamped with market time and lists it with its full history', async () => {
    expect(await panel.api('GET', '/api/orders')).toEqual({
      status: 200,
      body: { position: 0, orders: [] },
    });
    const created = await panel.api('POST', '/api/orders', ethLong('eth-1'));
    expect(created.status).toBe(201);
    expect(created.body.events).toMatchObject([
      {
        type: 'SmartOrderCreated',
        orderId: 'eth-1',
        version: 1,
        ts: ETH_FIRST_TS,
        data: { exchange: 'paper' },
      },
    ]);
    expect(created.body.order).toMatchObject({
      orderId: 'eth-1',
      status: 'PENDING',
      progress: '0/2',
    });

    const list = await panel.api('GET', '/api/orders');
    expect(list.body.orders.map((o: { orderId: string }) => o.orderId)).toEqual(['eth-1']);
    expect(list.body.position).toBe(created.body.events[0].position);
    const one = await panel.api('GET', '/api/orders/eth-1');
    expect(one.status).toBe(200);
    expect(one.body.order.orderId).toBe('eth-1');
    expect(one.body.events.map((e: { type: string }) => e.type)).toEqual(['SmartOrderCreated']);
  });

  it("answers bad input with 400, the codec's message and every issue by path, and applies nothing", async () => {
    const bad = await panel.api('POST', '/api/orders', {
      ...ethLong('eth-bad'),
      quantity: -1,
      takeProfits: [{ price: 'high', sizePct: 100 }],
      colour: 'red',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect(bad.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'quantity', rule: 'must be a finite number > 0, got -1' },
        { path: 'takeProfits[0].price', rule: 'must be a finite number > 0, got "high"' },
        { path: 'colour', rule: 'unknown field' },
      ]),
    );
    expect(bad.body.message).toContain('quantity: must be a finite number > 0, got -1');
    expect(await panel.store.readAll(0)).toEqual([]);
    expect((await panel.api('GET', '/api/orders')).body.orders).toEqual([]);
  });

  it('refuses the fields the server sets and another exchange', async () => {
    const bad = await panel.api('POST', '/api/orders', {
      ...ethLong('eth-1'),
      referencePrice: 1,
      exchange: 'binance',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'exchange',
      'referencePrice',
    ]);
    await panel.api('POST', '/api/orders', ethLong('eth-1'));
    const spoofed = await panel.api('POST', '/api/orders/eth-1/stop-loss', {
      price: 2670,
      lastPrice: 2600,
    });
    expect(spoofed.status).toBe(400);
    expect(spoofed.body.issues).toEqual([
      { path: 'lastPrice', rule: 'is the last price the engine saw; leave it out' },
    ]);
  });

  it('answers malformed requests with a typed error', async () => {
    expect((await panel.api('POST', '/api/orders', '{"orderId":')).body.code).toBe('INVALID_JSON');
    expect((await panel.api('POST', '/api/orders', '[1]')).body.code).toBe('INVALID_JSON');
    const plain = await panel.api('POST', '/api/orders', JSON.stringify(ethLong('x')), {
      'content-type': 'text/plain',
    });
    expect(plain).toMatchObject({ status: 415, body: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect(await panel.api('GET', '/api/nothing')).toMatchObject({
      status: 404,
      body: { code: 'NOT_FOUND' },
    });
    expect(await panel.api('DELETE', '/api/orders/x')).toMatchObject({
      status: 405,
      body: { code: 'METHOD_NOT_ALLOWED' },
    });
    expect(await panel.api('GET', '/api/orders/nope')).toMatchObject({
      status: 404,
      body: { code: 'ORDER_NOT_FOUND' },
    });
    const huge = await panel.api('POST', '/api/orders', { orderId: 'x'.repeat(70_000) });
    expect(huge).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await panel.store.readAll(0)).toEqual([]);
  });

  it('steers a live order: stop, trailing, break-even, cancel with flatten, each at market time', async () => {
    await panel.api('POST', '/api/orders', ladder('eth-2'));
    const market = await replayUntil(panel, ETH_FIRST_TS + 15_000);
    expect(market.time).toBeLessThanOrEqual(ETH_FIRST_TS + 15_000);
    const { body: two } = await panel.api('GET', '/api/orders/eth-2');
    expect(two.order).toMatchObject({ status: 'PARTIALLY_CLOSED', progress: '2/3' });
    expect(two.order.takeProfits.map((l: { status: string }) => l.status)).toEqual([
      'FILLED',
      'FILLED',
      'PENDING',
    ]);

    const above = await panel.api('POST', '/api/orders/eth-2/stop-loss', { price: 2700 });
    expect(above.status).toBe(409);
    expect(above.body).toMatchObject({ code: 'INVALID_STOP_PRICE', issues: [{ path: 'price' }] });
    const moved = await panel.api('POST', '/api/orders/eth-2/stop-loss', { price: 2670 });
    expect(moved.status).toBe(200);
    expect(moved.body.events).toMatchObject([
      { type: 'StopLossModified', ts: market.time, data: { from: 2660, to: 2670 } },
    ]);
    expect(moved.body.order.effectiveStop).toEqual({ price: 2670, kind: 'STOP_LOSS' });

    expect(
      (await panel.api('POST', '/api/orders/eth-2/trailing', { callbackRate: 2 })).body.issues,
    ).toEqual([
      {
        path: 'callbackRate',
        rule: 'must be a fraction strictly between 0 and 1 (0.02 = 2 %), got 2',
      },
    ]);
    const trailing = await panel.api('POST', '/api/orders/eth-2/trailing', { callbackRate: 0.01 });
    expect(trailing.body.events).toMatchObject([
      { type: 'TrailingModified', data: { from: null, to: 0.01 } },
    ]);
    const breakEven = await panel.api('POST', '/api/orders/eth-2/break-even', { enabled: true });
    expect(breakEven.body.events.map((e: { type: string }) => e.type)).toEqual([
      'BreakEvenToggled',
      'BreakEvenMoved',
    ]);

    const cancelled = await panel.api('POST', '/api/orders/eth-2/cancel', { flatten: true });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['OcoCancelled', 'FlattenTriggered']),
    );
    await replayUntil(panel, ETH_FIRST_TS + 16_000);
    const { body: after } = await panel.api('GET', '/api/orders/eth-2');
    expect(after.order.status).toBe('CANCELLED');
    expect(after.order.takeProfits.map((l: { status: string }) => l.status)).toEqual([
      'FILLED',
      'FILLED',
      'CANCELLED',
    ]);
    expect(
      after.events.every(
        (e: { ts: number }, i: number, all: { ts: number }[]) =>
          i === 0 || e.ts >= (all[i - 1] as { ts: number }).ts,
      ),
    ).toBe(true);
    expect(after.prices.length).toBeGreaterThan(10);

    const again = await panel.api('POST', '/api/orders/eth-2/cancel', {});
    expect(again).toMatchObject({ status: 409, body: { code: 'ORDER_TERMINAL' } });
    expect(await panel.api('POST', '/api/orders/nope/cancel', {})).toMatchObject({
      status: 404,
      body: { code: 'ORDER_NOT_FOUND' },
    });
  });

  it("checks replay controls with the core's codecs", async () => {
    const bad = await panel.api('POST', '/api/replay', { speed: -1, rewind: true });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'rewind',
      'speed',
    ]);
    const ok = await panel.api('POST', '/api/replay', { speed: 60 });
    expect(ok.body.replay).toMatchObject({
      speed: 60,
      paused: true,
      played: 0,
      total: 8409,
      finished: false,
    });
  });

  it('refuses requests from another site and Host names that are not this machine', async () => {
    const foreign = await panel.api('POST', '/api/orders', ethLong('x'), {
      origin: 'http://evil.example',
    });
    expect(foreign).toMatchObject({ status: 403, body: { code: 'FORBIDDEN_ORIGIN' } });
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${panel.serve.url}/api/orders`,
        { headers: { host: `evil.example:${panel.serve.port}` } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(403);
    expect(await panel.store.readAll(0)).toEqual([]);
  });
});

describe('the token', () => {
  const token = 'correct-horse-battery-staple';

  it('is required by every change, not by reads, when the server has one', async () => {
    const panel = await startPanel({ token });
    try {
      expect(await panel.api('POST', '/api/orders', ethLong('t-1'))).toMatchObject({
        status: 401,
        body: { code: 'UNAUTHORIZED' },
      });
      const wrong = await panel.api('POST', '/api/orders', ethLong('t-1'), {
        authorization: 'Bearer not-the-token-at-all',
      });
      expect(wrong.status).toBe(401);
      expect(await panel.store.readAll(0)).toEqual([]);
      const right = await panel.api('POST', '/api/orders', ethLong('t-1'), {
        authorization: `Bearer ${token}`,
      });
      expect(right.status).toBe(201);
      expect((await panel.api('GET', '/api/orders')).status).toBe(200);
    } finally {
      await panel.close();
    }
  });

  it('must be given to bind beyond loopback, and be long enough', async () => {
    const common = {
      store: getInMemoryEventStore(),
      exchange: getPaperExchange(),
      feed: { kind: 'live' as const, symbols: [] },
    };
    await expect(startServe({ ...common, host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'TOKEN_REQUIRED',
    });
    await expect(
      startServe({ ...common, host: '127.0.0.1', token: 'short' }),
    ).rejects.toMatchObject({ code: 'WEAK_TOKEN' });
  });
});
