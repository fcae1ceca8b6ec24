import { decide, decodeCommand, evolve, type OrderEvent, type State } from '@smart-orders/core';
import type { StoredEvent } from '@smart-orders/engine';
import { printLeft } from './printLeft';

/** The events a decider writes for these commands, as the store gives them back. */
const logOf = (inputs: readonly unknown[]): StoredEvent[] => {
  let state: State = null;
  const log: StoredEvent[] = [];
  for (const input of inputs) {
    const command = decodeCommand(input);
    if (command._tag === 'Left') throw new Error(JSON.stringify(command.left));
    const decided = decide(command.right, state);
    if (decided._tag === 'Left') throw new Error(decided.left.message);
    for (const e of decided.right as OrderEvent[]) {
      state = evolve(state, e);
      log.push({
        position: log.length + 1,
        stream: 'smart-order-a',
        orderId: 'a',
        version: log.length + 1,
        ...e,
      });
    }
  }
  return log;
};

const created = {
  type: 'CreateSmartOrder',
  ts: 1,
  orderId: 'a',
  exchange: 'binance',
  symbol: 'ETH/USDT',
  side: 'BUY',
  quantity: 0.3,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 110, sizePct: 100 }],
  market: { tickSize: 0.01, stepSize: 0.0001 },
};

describe('the last committed tick, as a resumed replay’s new paper book meets it', () => {
  const log = logOf([created]);
  const entryCid = (log[0]?.data as { entryClientOrderId: string }).entryClientOrderId;
  const filled = logOf([
    created,
    {
      type: 'ExecutionReport',
      orderId: 'a',
      ts: 1_000,
      clientOrderId: entryCid,
      execType: 'TRADE',
      lastPrice: 100,
      lastQuantity: 0.3,
      cumulativeQuantity: 0.3,
    },
  ]);
  const tick = { type: 'Tick' as const, symbol: 'ETH/USDT', ts: 1_000, price: 100, quantity: 1 };

  it('a trade’s print is less what the log’s fills at that tick took from it', () => {
    expect(printLeft(tick, filled).quantity).toBe(0.7);
  });

  it('fills at another tick, or of another symbol, take nothing from it', () => {
    expect(printLeft({ ...tick, ts: 2_000 }, filled).quantity).toBe(1);
    expect(printLeft({ ...tick, symbol: 'BTC/USDT' }, filled).quantity).toBe(1);
  });

  it('fills of an earlier tick of the same millisecond, before the tick’s events, take nothing from it', () => {
    const fill = filled.find((e) => e.type === 'EntryFilled')?.position as number;
    expect(printLeft(tick, filled, fill).quantity).toBe(1);
    expect(printLeft(tick, filled, fill - 1).quantity).toBe(0.7);
  });

  it('a quote’s ask is less the buys, its bid less the sells, never below nothing', () => {
    const quote = {
      type: 'Tick' as const,
      symbol: 'ETH/USDT',
      ts: 1_000,
      bid: 99,
      ask: 100,
      bidSize: 2,
      askSize: 0.2,
    };
    expect(printLeft(quote, filled)).toMatchObject({ askSize: 0, bidSize: 2 });
  });
});
