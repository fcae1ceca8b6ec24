import { clientOrderId, PURPOSE, type OrderState } from '@smart-orders/core';
import { createOpenOrderBook, ENDED_KEPT } from './openOrderBook';

/** Only what the book reads of an ended order: its id and its terminal status. */
const ended = (orderId: string): OrderState =>
  ({ spec: { orderId }, status: 'CLOSED' }) as unknown as OrderState;

const tpOf = (orderId: string) => clientOrderId(orderId, PURPOSE.takeProfit, 1, 1);

describe('the open-order book remembers the last orders to end', () => {
  it('finds an ended order by any client order id of its own', () => {
    const book = createOpenOrderBook();
    book.put(ended('o-1'));
    expect(book.endedOrderOf(tpOf('o-1'))).toBe('o-1');
    expect(book.endedOrderOf(clientOrderId('o-1', PURPOSE.stopLoss, 0, 3))).toBe('o-1');
    expect(book.endedOrderOf(tpOf('o-2'))).toBeUndefined();
    expect(book.endedOrderOf('not-one-of-ours')).toBeUndefined();
    expect(book.orderIdOfClientOrderId(tpOf('o-1'))).toBeUndefined();
  });

  it(`keeps ${ENDED_KEPT} of them, forgetting the oldest first`, () => {
    const book = createOpenOrderBook();
    for (let i = 0; i <= ENDED_KEPT; i++) book.put(ended(`o-${i}`));
    expect(book.endedOrderOf(tpOf('o-0'))).toBeUndefined();
    expect(book.endedOrderOf(tpOf('o-1'))).toBe('o-1');
    expect(book.endedOrderOf(tpOf(`o-${ENDED_KEPT}`))).toBe(`o-${ENDED_KEPT}`);
  });
});
