import Big from 'big.js';

/**
 * Whether a position's liquidation price has come within `bufferPct` of the mark (issue 14):
 * a long whose mark is at or below its liquidation price × (1 + buffer), a short whose mark is at
 * or above its liquidation price × (1 − buffer). The liquidation price is the exchange's own
 * (ccxt's position `liquidationPrice`), which counts the margin the position really has; a flat
 * position, or one the exchange gives no liquidation price for, is never near.
 */
export const liquidationNear = (
  quantity: number,
  liquidationPrice: number | null,
  mark: number,
  bufferPct: number,
): boolean => {
  if (quantity === 0 || liquidationPrice === null || liquidationPrice <= 0) return false;
  const buffer = new Big(bufferPct).div(100);
  const long = quantity > 0;
  const edge = new Big(liquidationPrice).times(
    long ? new Big(1).plus(buffer) : new Big(1).minus(buffer),
  );
  return long ? edge.gte(mark) : edge.lte(mark);
};
