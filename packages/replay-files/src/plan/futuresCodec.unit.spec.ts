import { isLeft } from 'fp-ts/Either';
import { formatInputError } from '../inputError';
import { decodePlan } from './decodePlan';

const perp = {
  orderId: 'perp-1',
  exchange: 'binance',
  symbol: 'BTC/USDT:USDT',
  side: 'BUY',
  quantity: 0.01,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 30000, sizePct: 100 }],
  stopLoss: { price: 27000 },
};

const refused = (futures: unknown): string => {
  const r = decodePlan({ orders: [perp], futures }, 'plan.json');
  if (!isLeft(r)) throw new Error('expected the plan to be refused');
  return formatInputError(r.left);
};

describe("a plan's futures section", () => {
  it('decodes settings by derivatives symbol, and none when the plan has no section', () => {
    const futures = {
      'BTC/USDT:USDT': { leverage: 5, marginMode: 'isolated', positionMode: 'hedge', set: true },
    };
    const r = decodePlan({ orders: [perp], futures }, 'plan.json');
    expect(isLeft(r) ? r.left : r.right.futures).toEqual(futures);
    const none = decodePlan({ orders: [perp] }, 'plan.json');
    expect(isLeft(none) ? none.left : none.right.futures).toEqual({});
  });

  it.each([
    [
      { 'BTC/USDT:USDT': { leverage: 0 } },
      'plan.json: futures.BTC/USDT:USDT.leverage: must be an integer from 1 to 125, got 0',
    ],
    [
      { 'BTC/USDT:USDT': { leverage: 2.5 } },
      'plan.json: futures.BTC/USDT:USDT.leverage: must be an integer from 1 to 125, got 2.5',
    ],
    [
      { 'BTC/USDT:USDT': { marginMode: 'crossed' } },
      'plan.json: futures.BTC/USDT:USDT.marginMode: must be "cross" or "isolated", got "crossed"',
    ],
    [
      { 'BTC/USDT:USDT': { positionMode: 'dual' } },
      'plan.json: futures.BTC/USDT:USDT.positionMode: must be "oneWay" or "hedge", got "dual"',
    ],
    [
      { 'BTC/USDT:USDT': { set: 'yes' } },
      'plan.json: futures.BTC/USDT:USDT.set: must be true or false, got "yes"',
    ],
    [
      { 'BTC/USDT:USDT': { leverage: 5, margin: 'cross' } },
      'plan.json: futures.BTC/USDT:USDT.margin: unknown field',
    ],
    [
      { 'BTC/USDT': { leverage: 5 } },
      'plan.json: futures.BTC/USDT: must be a ccxt derivatives symbol like "BTC/USDT:USDT", got "BTC/USDT"',
    ],
    [
      { 'ETH/USDT:USDT': { leverage: 5 } },
      "plan.json: futures.ETH/USDT:USDT: must be a symbol the plan's orders trade (BTC/USDT:USDT)",
    ],
    [[], 'plan.json: futures: must be an object of settings by derivatives symbol (Futures)'],
  ])('refuses %j, naming the field and the rule', (futures, text) => {
    expect(refused(futures)).toBe(text);
  });

  it('refuses two position modes in one plan: Binance holds one per account', () => {
    const r = decodePlan(
      {
        orders: [perp, { ...perp, orderId: 'perp-2', symbol: 'ETH/USDT:USDT' }],
        futures: {
          'BTC/USDT:USDT': { positionMode: 'hedge' },
          'ETH/USDT:USDT': { positionMode: 'oneWay' },
        },
      },
      'plan.json',
    );
    expect(isLeft(r) && formatInputError(r.left)).toBe(
      'plan.json: futures.ETH/USDT:USDT.positionMode: must be the same for every symbol (Binance holds one position mode per account): BTC/USDT:USDT says "hedge", got "oneWay"',
    );
  });
});
