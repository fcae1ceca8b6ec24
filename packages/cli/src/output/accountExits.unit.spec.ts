import type { StoredEvent } from '@smart-orders/engine';
import { accountExitsOf } from './accountExits';

const fill = (
  position: number,
  orderId: string,
  quantity: number,
  realisedPnl: number,
  fee?: { amount: number; asset: string },
) =>
  ({
    position,
    stream: 'account-acc',
    orderId: null,
    version: position,
    ts: 1000,
    type: 'FillRecorded',
    data: {
      orderId,
      clientOrderId: `c-${position}`,
      symbol: 'ETH/USDT',
      side: 'SELL',
      quantity,
      price: 2000,
      realisedPnl,
      ...(fee === undefined ? {} : { fee }),
    },
  }) as unknown as StoredEvent;

describe('accountExitsOf', () => {
  it("sums the account's own fills per symbol and side, leaving out the fills of the plan's orders", () => {
    const exits = accountExitsOf(
      [fill(1, 'o-1', 1, 5), fill(2, 'acc', 1.5, -10), fill(3, 'acc', 0.5, -7.68)],
      new Set(['o-1']),
    );
    expect(exits).toEqual([
      {
        accountId: 'acc',
        symbol: 'ETH/USDT',
        side: 'SELL',
        quantity: 2,
        realisedPnl: -17.68,
        fees: 0,
      },
    ]);
  });

  it('values their fees in the quote asset (a base-asset fee at its fill price), so the row shows gross, fees and net', () => {
    const exits = accountExitsOf(
      [
        fill(1, 'acc', 1.5, -13, { amount: 3, asset: 'USDT' }),
        fill(2, 'acc', 0.5, -5, { amount: 0.0005, asset: 'ETH' }),
      ],
      new Set(),
    );
    expect(exits[0]).toMatchObject({ realisedPnl: -18, fees: 4 });
  });
});
