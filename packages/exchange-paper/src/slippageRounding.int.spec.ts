import Big from 'big.js';
import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import { createEngine, getInMemoryEventStore, type StoredEvent } from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const tick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: SYMBOL, ts, price });

const order = (side: 'BUY' | 'SELL'): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId: `o-${side}`,
  ts: 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side,
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits:
    side === 'BUY'
      ? [
          { price: 100.5, sizePct: 50 },
          { price: 110, sizePct: 50 },
        ]
      : [
          { price: 99.5, sizePct: 50 },
          { price: 90, sizePct: 50 },
        ],
  market: { tickSize: 0.01, stepSize: 0.001 },
});

const fills = (events: readonly StoredEvent[]) =>
  events
    .filter((e) => e.type.endsWith('Filled'))
    .map((e) => [e.type, (e.data as { price: number }).price] as const);

describe('slippage prices on the tick grid, rounded against the order (SEMANTICS §3)', () => {
  it.each([
    // A long buys 100.01 + 10 bps = 100.11001 → 100.12 (up), sells 100.93 − 10 bps = 100.82907 → 100.82 (down).
    [
      'BUY',
      [
        ['EntryFilled', 100.12],
        ['TpFilled', 100.82],
      ],
    ],
    // A short sells 100.01 − 10 bps = 99.90999 → 99.9 (down), buys back 99.07 + 10 bps = 99.16907 → 99.17 (up).
    [
      'SELL',
      [
        ['EntryFilled', 99.9],
        ['TpFilled', 99.17],
      ],
    ],
  ] as const)('%s', async (side, expected) => {
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange: getPaperExchange({ slippageBps: 10 }),
    });
    await engine.start();
    const events: StoredEvent[] = [];
    engine.events$.subscribe((e) => events.push(e));
    await engine.process({ commands: [order(side)], tick: tick(10, 100.01) });
    await engine.tick(tick(11, side === 'BUY' ? 100.93 : 99.07));
    await engine.stop();
    expect(fills(events)).toEqual(expected);
    for (const [, price] of fills(events)) expect(new Big(price).mod(0.01).eq(0)).toBe(true);
  });
});

describe('the paper exchange keeps positions exact (SEMANTICS §1)', () => {
  it('mixed lot sizes bought and sold in another order leave the position exactly flat', async () => {
    const exchange = getPaperExchange();
    const lots = [0.1, 0.2, 99999999.7, 1234567.12345678, 0.00000001];
    const send = (side: 'BUY' | 'SELL', quantity: number, i: number) =>
      exchange.place({
        clientOrderId: `${side}-${i}`,
        orderId: 'o',
        symbol: SYMBOL,
        side,
        type: 'MARKET',
        quantity,
        reduceOnly: false,
        triggerPrice: 100,
        ts: i,
      });
    for (const [i, q] of lots.entries()) await send('BUY', q, i);
    for (const [i, q] of [...lots].reverse().entries()) await send('SELL', q, i);
    const held = await exchange.positions();
    expect(held._tag === 'Right' && held.right.filter((p) => p.quantity !== 0)).toEqual([]);
  });
});
