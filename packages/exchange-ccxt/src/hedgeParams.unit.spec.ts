import fc from 'fast-check';
import type { Exchange as CcxtInstance } from 'ccxt';
import { ccxt } from './ccxtModule';
import type { CcxtExchangeId } from './exchangeIds';
import { hedgeParams, hedgeSideOf } from './hedgeParams';
import { orderArgs } from './orderArgs';
import { MARKETS } from './testing/markets';

/** The request ccxt's own class builds for an exit of the long, in hedge mode or not. */
const exitRequest = (exchangeId: CcxtExchangeId, hedged: boolean): Record<string, unknown> => {
  const exchange = new (ccxt as unknown as Record<string, new (o: object) => CcxtInstance>)[
    exchangeId
  ]!({ apiKey: 'k', secret: 's' });
  exchange.setMarkets([...MARKETS[exchangeId]]);
  const args = orderArgs({
    exchange,
    exchangeId,
    request: {
      clientOrderId: 'sot1r0k3j9x2ab7qfe41mz',
      orderId: 'o-1',
      symbol: 'BTC/USDT:USDT',
      side: 'SELL',
      type: 'MARKET',
      quantity: 0.01,
      reduceOnly: true,
      triggerPrice: 30000,
      ts: 1,
    },
    wireClientOrderId: 'sot1r0k3j9x2ab7qfe41mz',
    referencePrice: 30000,
    slippage: 0.01,
    extraParams: {},
    hedged,
  });
  if (args._tag === 'Left') throw new Error(args.left.message);
  const a = args.right;
  return (
    exchange as unknown as {
      createOrderRequest(...x: unknown[]): Record<string, unknown>;
    }
  ).createOrderRequest(a.symbol, a.type, a.side, a.amount, a.price, a.params);
};

describe('hedge mode: each order names the side of the account it trades', () => {
  it('an entry opens its side, an exit closes it: buy entry and sell exit on LONG, sell entry and buy exit on SHORT', () => {
    expect(hedgeSideOf({ side: 'BUY', reduceOnly: false })).toBe('LONG');
    expect(hedgeSideOf({ side: 'SELL', reduceOnly: true })).toBe('LONG');
    expect(hedgeSideOf({ side: 'SELL', reduceOnly: false })).toBe('SHORT');
    expect(hedgeSideOf({ side: 'BUY', reduceOnly: true })).toBe('SHORT');
  });

  it('binance: positionSide, and never reduceOnly (-1106 in hedge mode); bybit: positionIdx 1 or 2, reduceOnly kept', () => {
    expect(hedgeParams('binance', { side: 'SELL', reduceOnly: true })).toEqual({
      params: { positionSide: 'LONG' },
      reduceOnly: false,
    });
    expect(hedgeParams('bybit', { side: 'BUY', reduceOnly: true })).toEqual({
      params: { positionIdx: 2 },
      reduceOnly: true,
    });
    expect(hedgeParams('bybit', { side: 'BUY', reduceOnly: false })).toEqual({
      params: { positionIdx: 1 },
      reduceOnly: false,
    });
    expect(() => hedgeParams('okx', { side: 'BUY', reduceOnly: false })).toThrow(
      'okx: hedge mode is not supported',
    );
  });

  it('property: an order and the exit that closes what it opened trade the same side', () => {
    fc.assert(
      fc.property(fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'), (side) => {
        const exit = side === 'BUY' ? 'SELL' : 'BUY';
        expect(hedgeSideOf({ side: exit, reduceOnly: true })).toBe(
          hedgeSideOf({ side, reduceOnly: false }),
        );
      }),
    );
  });

  it("what ccxt's own classes send for a sell that closes the long: Binance positionSide LONG and no reduceOnly, Bybit positionIdx 1 with reduceOnly; one-way as before", () => {
    const binance = exitRequest('binance', true);
    expect(binance).toEqual(expect.objectContaining({ side: 'SELL', positionSide: 'LONG' }));
    expect(binance).not.toHaveProperty('reduceOnly');
    expect(exitRequest('bybit', true)).toEqual(
      expect.objectContaining({ side: 'Sell', positionIdx: 1, reduceOnly: true }),
    );
    const oneWay = exitRequest('binance', false);
    expect(oneWay).toEqual(expect.objectContaining({ reduceOnly: true }));
    expect(oneWay).not.toHaveProperty('positionSide');
  });
});
