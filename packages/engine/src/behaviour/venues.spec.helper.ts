import type { CreateSmartOrder, Tick } from '@smart-orders/core';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getScriptedExchange, type Script } from '@smart-orders/testkit';
import type { Exchange, StoredEvent } from '@smart-orders/engine';

export const SYMBOL = 'BTC/USDT';
export const tick = (ts: number, price: number): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
});
export const types = (events: readonly StoredEvent[]): string[] => events.map((e) => e.type);

export const order = (overrides: Partial<CreateSmartOrder> = {}): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId: 'o-1',
  ts: 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 105, sizePct: 100 }],
  stopLoss: { price: 95 },
  ...overrides,
});

/**
 * The exchanges every engine behaviour runs against: the paper exchange, and the scripted
 * exchange answering late and delivering every report twice. What the engine does must not
 * depend on which one it meets.
 */
export const venues: readonly (readonly [string, (script?: (r: unknown) => Script) => Exchange])[] =
  [
    ['the paper exchange', () => getPaperExchange()],
    [
      'the scripted exchange (late, twice)',
      () => getScriptedExchange({ script: () => ({ lateMs: 2, twice: true }) }),
    ],
  ];
