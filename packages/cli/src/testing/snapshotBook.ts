import type { CreateSmartOrder, Tick } from '@smart-orders/core';

/**
 * The book of the snapshot tests (`bookSnapshot.int.spec.ts` and its engine process): orders of
 * every kind an open book keeps (resting, filled, trailing, laddered, timed), and prices that
 * fill, raise and close some of them, the same for every process that asks.
 */
export const SNAPSHOT_SYMBOL = 'ETH/USDT';

export const snapshotOrders = (count: number): CreateSmartOrder[] =>
  Array.from({ length: count }, (_, i) => ({
    type: 'CreateSmartOrder' as const,
    orderId: `o-${i}`,
    ts: 1_000,
    exchange: 'paper',
    symbol: SNAPSHOT_SYMBOL,
    side: i % 5 === 4 ? ('SELL' as const) : ('BUY' as const),
    quantity: 1,
    entry:
      i % 4 === 1 ? { type: 'LIMIT' as const, price: 97 + (i % 3) } : { type: 'MARKET' as const },
    ...(i % 4 === 2 ? { trailing: { callbackRate: 0.02 } } : {}),
    ...(i % 6 === 0 ? { timeLimits: { positionTimeLimitMs: 500_000 } } : {}),
    takeProfits:
      i % 4 === 3
        ? [
            { price: i % 5 === 4 ? 96 : 104, sizePct: 50 },
            { price: i % 5 === 4 ? 92 : 108 + (i % 2), sizePct: 50 },
          ]
        : [{ price: i % 5 === 4 ? 90 - (i % 3) : 106 + (i % 5), sizePct: 100 }],
    ...(i % 4 === 3 ? { breakEven: true } : {}),
    stopLoss: { price: i % 5 === 4 ? 112 + (i % 4) : 92 + (i % 4) },
  }));

/** The `n`th tick of the test's prices: a walk between 93.5 and 107, one tick a second. */
export const snapshotTick = (n: number): Tick => ({
  type: 'Tick',
  symbol: SNAPSHOT_SYMBOL,
  ts: 2_000 + n * 1_000,
  price: 100 + Math.round(5 * Math.sin(n / 7) + 1.5 * Math.sin(n / 3)) + (n % 2) * 0.5,
});
