import fc from 'fast-check';
import Big from 'big.js';
import type { Position } from './accountState';
import { applyFill, unrealisedPnl } from './positions';

describe('positions at average cost', () => {
  it('opens a long at the fill price and grows it at the weighted average', () => {
    const first = applyFill(undefined, 'BUY', 100, 1);
    expect(first).toEqual({
      position: { quantity: 1, averagePrice: 100, mark: 100 },
      realisedPnl: 0,
    });
    const second = applyFill(first.position, 'BUY', 110, 3);
    expect(second).toEqual({
      position: { quantity: 4, averagePrice: 107.5, mark: 110 },
      realisedPnl: 0,
    });
  });

  it('realises (price − average) × quantity on a partial exit and keeps the average of the rest', () => {
    const long: Position = { quantity: 4, averagePrice: 107.5, mark: 110 };
    expect(applyFill(long, 'SELL', 120, 1)).toEqual({
      position: { quantity: 3, averagePrice: 107.5, mark: 120 },
      realisedPnl: 12.5,
    });
  });

  it('closes a short with the mirror P&L', () => {
    const short: Position = { quantity: -2, averagePrice: 100, mark: 100 };
    expect(applyFill(short, 'BUY', 90, 2)).toEqual({
      position: { quantity: 0, averagePrice: null, mark: 90 },
      realisedPnl: 20,
    });
  });

  it('reverses through flat: closes the position and opens the rest the other way at the fill price', () => {
    const long: Position = { quantity: 1, averagePrice: 100, mark: 100 };
    expect(applyFill(long, 'SELL', 95, 3)).toEqual({
      position: { quantity: -2, averagePrice: 95, mark: 95 },
      realisedPnl: -5,
    });
  });

  it('keeps an unknown cost unknown, and counts no P&L on it', () => {
    const adopted: Position = { quantity: 1, averagePrice: null, mark: null };
    expect(applyFill(adopted, 'BUY', 100, 1).position.averagePrice).toBeNull();
    expect(applyFill(adopted, 'SELL', 100, 1).realisedPnl).toBe(0);
    expect(unrealisedPnl(adopted, 50)).toBe(0);
  });

  it('realises in total what the fills paid and received once the position is flat again', () => {
    const lot = fc.record({
      price: fc.integer({ min: 1, max: 100_000 }).map((n) => n / 100),
      quantity: fc.integer({ min: 1, max: 1000 }).map((n) => n / 10),
    });
    fc.assert(
      fc.property(
        fc.array(lot, { minLength: 1, maxLength: 8 }),
        fc.array(lot, { minLength: 1, maxLength: 8 }),
        (buys, sells) => {
          let position: Position | undefined;
          let realised = new Big(0);
          let cash = new Big(0);
          for (const b of buys) {
            const o = applyFill(position, 'BUY', b.price, b.quantity);
            position = o.position;
            realised = realised.plus(o.realisedPnl);
            cash = cash.minus(new Big(b.price).times(b.quantity));
          }
          for (const s of sells) {
            const o = applyFill(position, 'SELL', s.price, s.quantity);
            position = o.position;
            realised = realised.plus(o.realisedPnl);
            cash = cash.plus(new Big(s.price).times(s.quantity));
          }
          // Whatever is still open, closed at its mark, settles the account.
          const rest = position === undefined ? 0 : unrealisedPnl(position, position.mark);
          const closeCash = new Big(position?.quantity ?? 0).times(position?.mark ?? 0);
          expect(realised.plus(rest).minus(cash.plus(closeCash)).abs().lt(1e-6)).toBe(true);
        },
      ),
    );
  });
});
