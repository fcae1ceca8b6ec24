import fc from 'fast-check';
import { hedgeParams, hedgeSideOf } from './hedgeParams';

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
});
