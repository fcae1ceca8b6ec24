import { clientOrderId, PURPOSE, type Command, type Tick } from '@smart-orders/core';
import { given, history } from './givenWhenThen';
import { replay } from './replay';

// The case of SEMANTICS §4 v2 ("a flatten fills at the next tick of the symbol, at that tick's
// price"): entry 100, tick 101, Cancel { flatten } at 1500, tick 97 at 2000.
const ORDER = 'flat-1';
const SYMBOL = 'BTC/USDT';
const create = {
  type: 'CreateSmartOrder' as const,
  orderId: ORDER,
  ts: 500,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY' as const,
  quantity: 1,
  entry: { type: 'MARKET' as const },
  takeProfits: [{ price: 150, sizePct: 100 }],
};
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });
const flattenCid = clientOrderId(ORDER, PURPOSE.flatten, 0, 1);
const flattenFilled = (events: readonly { type: string; ts: number; data: unknown }[]) =>
  events
    .filter((e) => e.type === 'FlattenFilled')
    .map((e) => ({ ts: e.ts, price: (e.data as { price: number }).price }));

describe('a flatten fills at the next tick of the symbol, at that tick’s price (SEMANTICS §4 v2)', () => {
  it('in the test kit’s given / when / then with paper fills, as on the paper exchange', async () => {
    const entryFilled: Command = {
      type: 'ExecutionReport',
      orderId: ORDER,
      ts: 1_000,
      clientOrderId: clientOrderId(ORDER, PURPOSE.entry, 0, 1),
      execType: 'TRADE',
      lastPrice: 100,
      cumulativeQuantity: 1,
    };
    const decided = given(history([create, entryFilled]), { paperFills: true }).when(
      tick(1_000, 101),
      { type: 'Cancel', orderId: ORDER, ts: 1_500, flatten: true, lastPrice: 101 },
      tick(2_000, 97),
    );
    if (decided.result._tag === 'Left') throw new Error(decided.result.left.error.message);
    const onPaper = flattenFilled(decided.result.right.events);

    const replayed = await replay({
      ticks: [tick(1_000, 100), tick(1_200, 101), tick(2_000, 97)],
      plan: {
        orders: [{ at: 500, command: create }],
        commands: [
          { at: 1_500, command: { type: 'Cancel', orderId: ORDER, ts: 1_500, flatten: true } },
        ],
      },
    });
    const onExchange = flattenFilled(replayed.events);

    expect(onPaper).toEqual([{ ts: 2_000, price: 97 }]);
    expect(onExchange).toEqual(onPaper);
    expect(replayed.events.find((e) => e.type === 'FlattenFilled')?.data).toMatchObject({
      clientOrderId: flattenCid,
      quantity: 1,
    });
    expect(replayed.orders[0]?.status).toBe('CANCELLED');
  });
});
