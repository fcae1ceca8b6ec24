import fc from 'fast-check';
import { isLeft } from 'fp-ts/Either';
import type { CreateSmartOrder } from '../commands/createSmartOrder';
import { decide } from '../decide';
import { estimatedLiquidationPrice } from './liquidationPrice';
import { stopBeyondLiquidationIssues, stopIsSafe } from './stopBeyondLiquidation';

const long: CreateSmartOrder = {
  type: 'CreateSmartOrder',
  orderId: 'perp-1',
  ts: 1,
  exchange: 'binance',
  symbol: 'BTC/USDT:USDT',
  side: 'BUY',
  quantity: 1,
  entry: { type: 'LIMIT', price: 100 },
  takeProfits: [{ price: 110, sizePct: 100 }],
  stopLoss: { price: 92 },
  liquidationGuard: { leverage: 10, bufferPct: 2, maintenanceMarginRate: 0.004 },
};
const short: CreateSmartOrder = {
  ...long,
  side: 'SELL',
  takeProfits: [{ price: 90, sizePct: 100 }],
  stopLoss: { price: 108 },
};

describe('a futures stop beyond its liquidation price is refused at creation (liquidationBufferPct)', () => {
  it('accepts a long whose stop fires before it comes within the buffer of liquidation', () => {
    // Liquidation at 90.36; 2 % above it is 92.17: a stop at 93 is safe, 92 is not.
    expect(stopBeyondLiquidationIssues({ ...long, stopLoss: { price: 93 } })).toEqual([]);
    expect(stopBeyondLiquidationIssues(long)).toEqual([
      {
        path: 'stopLoss.price',
        rule: 'must put the stop above 92.1686746988: the estimated liquidation price at leverage 10 from 100 is 90.3614457831, and liquidationBufferPct 2 keeps the stop that far from it; got a stop at 92',
      },
    ]);
  });

  it('mirrors it for a short, and checks an offset stop on the entry reference', () => {
    // Liquidation at 109.56; 2 % below it is 107.37.
    expect(stopBeyondLiquidationIssues({ ...short, stopLoss: { price: 107 } })).toEqual([]);
    expect(stopBeyondLiquidationIssues(short)[0]?.path).toBe('stopLoss.price');
    expect(stopBeyondLiquidationIssues({ ...long, stopLoss: { offsetPct: 8 } })[0]?.path).toBe(
      'stopLoss.offsetPct',
    );
    expect(stopBeyondLiquidationIssues({ ...long, stopLoss: { offsetPct: 7 } })).toEqual([]);
  });

  it('checks nothing without a guard, a stop or an entry reference (a market entry before any tick)', () => {
    const { liquidationGuard: _g, ...unguarded } = long;
    expect(stopBeyondLiquidationIssues(unguarded)).toEqual([]);
    const { stopLoss: _s, ...stopless } = long;
    expect(stopBeyondLiquidationIssues(stopless)).toEqual([]);
    expect(stopBeyondLiquidationIssues({ ...long, entry: { type: 'MARKET' } })).toEqual([]);
    expect(
      stopBeyondLiquidationIssues({ ...long, entry: { type: 'MARKET' }, referencePrice: 100 }),
    ).toHaveLength(1);
  });

  it('the decider refuses such an order, naming the field, and records nothing', () => {
    const refused = decide(long, null);
    expect(isLeft(refused) && refused.left.message).toContain(
      'stopLoss.price: must put the stop above 92.1686746988',
    );
    const created = decide({ ...long, stopLoss: { price: 93 } }, null);
    expect(isLeft(created)).toBe(false);
    if (!isLeft(created)) expect(created.right[0]?.data).not.toHaveProperty('liquidationGuard');
  });

  it('property: an accepted stop lies strictly on the safe side of the liquidation price, beyond the buffer, for a long and a short', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'BUY' | 'SELL'>('BUY', 'SELL'),
        fc.integer({ min: 1, max: 125 }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (side, leverage, bufferPct, stopFraction) => {
          const entry = 1000;
          const stop = side === 'BUY' ? entry * stopFraction : entry * (1 + stopFraction);
          const liquidation = estimatedLiquidationPrice(side, entry, leverage);
          if (stopIsSafe(side, stop, liquidation, bufferPct)) {
            if (side === 'BUY')
              expect(stop).toBeGreaterThan(liquidation * (1 + bufferPct / 100) * (1 - 1e-12));
            else expect(stop).toBeLessThan(liquidation * (1 - bufferPct / 100) * (1 + 1e-12));
            // A stop nearer the entry than a safe one is safe too.
            const nearer = side === 'BUY' ? (stop + entry) / 2 : (stop + entry) / 2;
            expect(stopIsSafe(side, nearer, liquidation, bufferPct)).toBe(true);
          } else {
            // A wider buffer never accepts what a narrower one refused.
            expect(stopIsSafe(side, stop, liquidation, bufferPct * 2)).toBe(false);
          }
        },
      ),
    );
  });
});
