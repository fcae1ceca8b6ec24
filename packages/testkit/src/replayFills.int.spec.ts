import { DEFAULT_FILL_MODEL, type CreateSmartOrder, type Tick } from '@smart-orders/core';
import { replay } from './replay';

// The testkit's replay() fills with the paper exchange, which fills with the core's one fill
// model (SEMANTICS §9.4): the same fills as the CLI's replay when given the CLI's model.
const SYMBOL = 'ETH/USDT';
const trade = (ts: number, price: number, quantity: number): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
  quantity,
});
const create: CreateSmartOrder = {
  type: 'CreateSmartOrder',
  orderId: 'fills-1',
  ts: 1,
  exchange: 'paper',
  symbol: SYMBOL,
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 2010, sizePct: 100 }],
  stopLoss: { price: 1990 },
  market: { tickSize: 0.01, stepSize: 0.0001, minQty: 0.0001 },
};
const ticks = [trade(10, 2000, 0.6), trade(20, 2001, 3), trade(30, 2011, 3)];

describe('replay() fills as the CLI does when given its fill model', () => {
  it('by default as version 1: in full, no fees', async () => {
    const { orders } = await replay({
      ticks,
      plan: { orders: [{ at: 1, command: create }], commands: [] },
    });
    expect(orders[0]?.pnl).toMatchObject({ fees: 0 });
  });

  it('with DEFAULT_FILL_MODEL: the entry in parts as printed, 0.1 % fees, the buy’s in ETH', async () => {
    const { events, orders } = await replay({
      ticks,
      plan: { orders: [{ at: 1, command: create }], commands: [] },
      fills: DEFAULT_FILL_MODEL,
    });
    // Each part is its own EntryFilled (SEMANTICS §9.4), with its fee.
    expect(events.filter((e) => e.type === 'EntryFilled').map((e) => e.data)).toEqual([
      expect.objectContaining({ quantity: 0.6, fee: { amount: 0.0006, asset: 'ETH' } }),
      expect.objectContaining({ quantity: 0.4, filledQuantity: 1, netQuantity: 0.999 }),
    ]);
    expect(events.find((e) => e.type === 'TpFilled')?.data).toMatchObject({ quantity: 0.999 });
    expect(orders[0]?.status).toBe('CLOSED');
  });
});
