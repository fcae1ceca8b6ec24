/**
 * Twelve paper orders of ETH/USDT, longs and shorts in turn, each with a take-profit and a
 * trailing stop of its own width, and break-even toggled on the first mid-recording: on the
 * example recording their exits wait for prints in turn, which is what a resumed replay must
 * rebuild. `reversed`: the trailing widths run the other way, so the later orders' exits
 * trigger first and the paper venue's queue is not the creation order.
 */
export const crashPlan = ({ reversed = false }: { readonly reversed?: boolean } = {}) => ({
  orders: Array.from({ length: 12 }, (_, i) => ({
    orderId: `crash-${i}`,
    exchange: 'paper',
    symbol: 'ETH/USDT',
    side: i % 2 === 0 ? 'BUY' : 'SELL',
    quantity: 1,
    entry: { type: 'MARKET' },
    takeProfits:
      i % 2 === 0 ? [{ price: 2690 + i, sizePct: 100 }] : [{ price: 2660 - i, sizePct: 100 }],
    trailing: { callbackRate: 0.0003 + (reversed ? 11 - i : i) * 0.0001 },
    market: { tickSize: 0.01, stepSize: 0.0001 },
  })),
  commands: [{ at: 1723161750000, type: 'ToggleBreakEven', orderId: 'crash-0', enabled: true }],
});
