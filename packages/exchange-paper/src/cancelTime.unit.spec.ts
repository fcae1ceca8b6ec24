import type { Tick } from '@smart-orders/core';
import type { OrderRequest } from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'ETH/USDT';
const CID = 'sot1r1cancelstamp000001';

const exit: OrderRequest = {
  clientOrderId: CID,
  orderId: 'o-1',
  symbol: SYMBOL,
  side: 'SELL',
  type: 'MARKET',
  quantity: 1,
  reduceOnly: true,
  ts: 10,
};

const print = (ts: number, price: number, quantity: number): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
  quantity,
});

describe('the paper exchange’s answer to a cancel', () => {
  // The paper venue trades in tick time and is not told when a cancel is asked: its answer
  // carries no time, so the engine dates it by the cancel, never by the order's last fill.
  it('does not date the cancel of a part-filled order by its last fill', async () => {
    const exchange = getPaperExchange({ fills: { sizeLimits: true } });
    await exchange.place(exit);
    const filled = exchange.matchTick?.(print(20, 2000, 0.3)) ?? [];
    expect(filled).toEqual([expect.objectContaining({ ts: 20, lastQuantity: 0.3 })]);
    const cancelled = await exchange.cancel(CID, SYMBOL);
    expect(cancelled._tag === 'Right' && cancelled.right).toMatchObject({
      status: 'CANCELED',
      filledQuantity: 0.3,
    });
    expect(cancelled._tag === 'Right' && cancelled.right.updatedAt).toBeUndefined();
  });
});
