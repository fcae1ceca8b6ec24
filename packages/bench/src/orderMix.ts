import type { CreateSmartOrder } from '@smart-orders/core';

/**
 * A realistic book of open smart orders around a market trading near `mid`, few of which
 * the ticks will trigger: most are long or short positions whose take-profits and stops are
 * far away, some are resting limit entries, and the first `active` (default 40, whatever
 * the book's size) sit where the recorded prices reach them: an early take-profit, a stop, an
 * armed trailing stop. So 1k and 100k books see the same triggering work.
 */
export const orderMix = (
  count: number,
  symbol: string,
  mid: number,
  active = 40,
): CreateSmartOrder[] => {
  const at = (offset: number): number => Math.round((mid + offset) * 100) / 100;
  return Array.from({ length: count }, (_, i): CreateSmartOrder => {
    const base = {
      type: 'CreateSmartOrder' as const,
      orderId: `bench-${i}`,
      ts: 0,
      exchange: 'paper',
      symbol,
      quantity: 0.01,
      market: { tickSize: 0.01, stepSize: 0.0001 },
    };
    const slot = i < active ? i % 4 : 4 + (i % 196);
    if (slot < 2) {
      return {
        ...base,
        side: 'BUY',
        entry: { type: 'MARKET' },
        takeProfits: [
          { price: at(1.5), sizePct: 50 },
          { price: at(40), sizePct: 50 },
        ],
        stopLoss: { price: at(-80) },
        breakEven: true,
      };
    }
    if (slot === 2) {
      return {
        ...base,
        side: 'BUY',
        entry: { type: 'MARKET' },
        takeProfits: [{ price: at(40), sizePct: 100 }],
        stopLoss: { price: at(-6.5) },
      };
    }
    if (slot === 3) {
      return {
        ...base,
        side: 'BUY',
        entry: { type: 'MARKET' },
        takeProfits: [{ price: at(40), sizePct: 100 }],
        trailing: { callbackRate: 0.002, activationPrice: at(1) },
      };
    }
    if (slot < 20) {
      return {
        ...base,
        side: 'BUY',
        entry: { type: 'LIMIT', price: at(-80) },
        takeProfits: [{ price: at(20), sizePct: 100 }],
        stopLoss: { price: at(-120) },
      };
    }
    if (slot < 130) {
      return {
        ...base,
        side: 'BUY',
        entry: { type: 'MARKET' },
        takeProfits: [
          { price: at(20), sizePct: 40 },
          { price: at(30), sizePct: 35 },
          { price: at(40), sizePct: 25 },
        ],
        stopLoss: { price: at(-80) },
        trailing: { callbackRate: 0.01, activationPrice: at(60) },
        breakEven: true,
      };
    }
    return {
      ...base,
      side: 'SELL',
      entry: { type: 'MARKET' },
      takeProfits: [
        { price: at(-20), sizePct: 50 },
        { price: at(-40), sizePct: 50 },
      ],
      stopLoss: { price: at(80) },
    };
  });
};
