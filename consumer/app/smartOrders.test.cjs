// A user's own jest test against the installed @smart-orders/testkit: a replay of recorded ticks
// through a plan, and a rule over the real decider with given / when / then.
const { join } = require('node:path');
const { given, history, replay } = require('@smart-orders/testkit');

const create = {
  type: 'CreateSmartOrder',
  orderId: 'btc-1',
  ts: 1,
  exchange: 'paper',
  symbol: 'BTC/USDT',
  side: 'BUY',
  quantity: 1,
  entry: { type: 'LIMIT', price: 100 },
  takeProfits: [{ price: 150, sizePct: 100 }],
  trailing: { callbackRate: 0.02 },
};

test('replays recorded ticks through a plan', async () => {
  const { orders, events } = await replay({
    ticks: { file: join(__dirname, 'ticks.csv'), symbol: 'BTC/USDT' },
    plan: { file: join(__dirname, 'plan.json') },
  });
  expect(orders[0]).toMatchObject({ orderId: 'ladder-1', status: 'CLOSED', progress: '2/2' });
  expect(events.map((e) => e.type)).toContain('TpFilled');
});

test('given / when / then over the real decider', () => {
  given(history([create]))
    .when(create)
    .thenRejects('VALIDATION_FAILED', 'must be unique');
  given([])
    .when({ type: 'Tick', symbol: 'BTC/USDT', ts: 10, price: 100 })
    .thenRejects('ORDER_NOT_FOUND');
  given(history([create]))
    .when({ type: 'Cancel', orderId: 'btc-1', ts: 2 })
    .then([
      {
        type: 'OcoCancelled',
        ts: 2,
        data: expect.objectContaining({ reason: 'MANUAL_CANCEL', entry: true, levels: [1] }),
      },
      // The entry rests on the exchange: the order ends once the exchange confirms it cancelled.
      { type: 'CancelRequested', ts: 2, data: { flatten: false } },
    ]);
});
