/**
 * Four orders of ETH/USDT (a long stopped, a short through two take-profits and break-even, a
 * limit entry, a trailing short) that all end within the first 90 recorded seconds of the
 * example recording: the plan the live end-to-end tests trade on the venue. Each test names its
 * orders with its own prefix, so two tests' orders never share a client order id.
 */
export const fourOrderPlan = (prefix: string) => ({
  orders: [
    {
      orderId: `${prefix}-long-stop`,
      side: 'BUY',
      quantity: 0.2,
      entry: { type: 'MARKET' },
      takeProfits: [{ price: 2690, sizePct: 100 }],
      stopLoss: { price: 2679 },
    },
    {
      orderId: `${prefix}-short-tp`,
      side: 'SELL',
      quantity: 0.2,
      entry: { type: 'MARKET' },
      takeProfits: [
        { price: 2678, sizePct: 50 },
        { price: 2676, sizePct: 50 },
      ],
      stopLoss: { price: 2690 },
      breakEven: true,
    },
    {
      orderId: `${prefix}-long-limit`,
      side: 'BUY',
      quantity: 0.1,
      entry: { type: 'LIMIT', price: 2675 },
      takeProfits: [{ price: 2678, sizePct: 100 }],
      stopLoss: { price: 2670 },
    },
    {
      orderId: `${prefix}-short-trailing`,
      side: 'SELL',
      quantity: 0.1,
      entry: { type: 'MARKET' },
      takeProfits: [{ price: 2660, sizePct: 100 }],
      stopLoss: { price: 2690 },
      trailing: { callbackRate: 0.001 },
    },
  ].map((o) => ({
    ...o,
    exchange: 'binance',
    symbol: 'ETH/USDT',
    market: { tickSize: 0.01, stepSize: 0.0001 },
  })),
});
