import { orderStream } from '@smart-orders/engine';
import { ethLong, startPanel, type Panel } from '../testing/panelFixture';

const TOKEN = 'signals-token-0123456789';

/** A TradingView-style alert: the order's fields, the signal's id and action, the token in the body. */
const alert = (signalId: string, extra: Record<string, unknown> = {}) => {
  const { orderId: _orderId, ...order } = ethLong('unused');
  return { signalId, token: TOKEN, action: 'create', ...order, ...extra };
};

describe('POST /api/signals', () => {
  let panel: Panel;
  beforeEach(async () => {
    panel = await startPanel({ token: TOKEN, paused: true });
  });
  afterEach(async () => panel.close());

  const storedEvents = () => panel.store.readAll(0);

  it('the same alert posted twice creates one order; the second answers duplicate and stores nothing', async () => {
    const first = await panel.api('POST', '/api/signals', alert('tv-1700000000-eth-long'));
    expect(first.status).toBe(201);
    expect(first.body.signal).toEqual({
      signalId: 'tv-1700000000-eth-long',
      action: 'create',
      duplicate: false,
    });
    expect(first.body.order).toMatchObject({
      orderId: 'tv-1700000000-eth-long',
      status: 'PENDING',
    });
    const stored = (await storedEvents()).length;
    const again = await panel.api('POST', '/api/signals', alert('tv-1700000000-eth-long'));
    expect(again.status).toBe(200);
    expect(again.body.signal.duplicate).toBe(true);
    expect(again.body.events).toEqual([]);
    expect((await storedEvents()).length).toBe(stored);
    const list = await panel.api('GET', '/api/orders');
    expect(list.body.orders.map((o: { orderId: string }) => o.orderId)).toEqual([
      'tv-1700000000-eth-long',
    ]);
  });

  it('the same alert posted twice at once still creates one order', async () => {
    const answers = await Promise.all([
      panel.api('POST', '/api/signals', alert('tv-twin')),
      panel.api('POST', '/api/signals', alert('tv-twin')),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect((await panel.store.readStream(orderStream('tv-twin'))).length).toBe(1);
  });

  it('a cancel signal cancels the order it names, once', async () => {
    await panel.api('POST', '/api/signals', alert('tv-open'));
    const cancel = { signalId: 'tv-close', token: TOKEN, action: 'cancel', orderId: 'tv-open' };
    const first = await panel.api('POST', '/api/signals', cancel);
    expect(first.status).toBe(200);
    expect(first.body.order).toMatchObject({ orderId: 'tv-open', status: 'CANCELLED' });
    const again = await panel.api('POST', '/api/signals', cancel);
    expect(again).toMatchObject({ status: 200, body: { signal: { duplicate: true }, events: [] } });
  });

  it('takes the token from Authorization: Bearer as well', async () => {
    const { token: _t, ...body } = alert('tv-bearer');
    const r = await panel.api('POST', '/api/signals', body, { authorization: `Bearer ${TOKEN}` });
    expect(r.status).toBe(201);
  });

  it.each([
    [{ token: 'wrong-token-0123456789' }, 401, 'UNAUTHORIZED', null],
    [{ token: undefined }, 401, 'UNAUTHORIZED', null],
    [{ signalId: 'has space' }, 400, 'VALIDATION_FAILED', 'signalId'],
    [{ action: 'buy' }, 400, 'VALIDATION_FAILED', 'action'],
    [{ orderId: 'mine' }, 400, 'VALIDATION_FAILED', 'orderId'],
    [{ quantity: -1 }, 400, 'VALIDATION_FAILED', 'quantity'],
    [{ side: 'SIDEWAYS' }, 400, 'VALIDATION_FAILED', 'side'],
  ])(
    'refuses %j with %i %s naming the field, and stores nothing',
    async (change, status, code, field) => {
      const body = { ...alert('tv-bad'), ...change };
      const r = await panel.api('POST', '/api/signals', body);
      expect(r.status).toBe(status);
      expect(r.body.code).toBe(code);
      if (field !== null)
        expect(r.body.issues.map((i: { path: string }) => i.path)).toContain(field);
      expect(await storedEvents()).toEqual([]);
    },
  );

  it('a cancel signal without its order id is refused, naming orderId', async () => {
    const r = await panel.api('POST', '/api/signals', {
      signalId: 's-1',
      token: TOKEN,
      action: 'cancel',
    });
    expect(r.status).toBe(400);
    expect(r.body.issues).toEqual([
      { path: 'orderId', rule: 'is required on a cancel signal: the order to cancel' },
    ]);
  });
});

describe('POST /api/signals on a server without a token', () => {
  it('refuses every signal: they move money on another system’s say-so', async () => {
    const panel = await startPanel({ paused: true });
    try {
      const r = await panel.api('POST', '/api/signals', alert('tv-1'));
      expect(r.status).toBe(403);
      expect(r.body.code).toBe('SIGNALS_DISABLED');
    } finally {
      await panel.close();
    }
  });
});
