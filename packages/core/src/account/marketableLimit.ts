import Big from 'big.js';
import { ceilToTick, floorToTick } from '../decimal';
import type { Side } from '../side';

/**
 * The limit price of a flatten exit that must fill but may not fill at any price: the last
 * price moved `bandBps` towards execution (a SELL below it, a BUY above it), rounded to the
 * tick towards execution too, so that rounding never makes it less marketable. The band is
 * the worst price the flatten accepts relative to the last trade; a SELL limit never falls
 * below one tick.
 */
export const marketableLimit = (
  side: Side,
  lastPrice: number,
  bandBps: number,
  tickSize: number,
): number => {
  const factor = side === 'SELL' ? new Big(10_000).minus(bandBps) : new Big(10_000).plus(bandBps);
  const banded = new Big(lastPrice).times(factor).div(10_000).toNumber();
  if (side === 'BUY') return ceilToTick(banded, tickSize);
  const price = floorToTick(banded, tickSize);
  return price > 0 ? price : tickSize;
};

/** A working limit the market has left behind: a SELL above the price, a BUY below it. */
export const leftBehind = (side: Side, limitPrice: number, price: number): boolean =>
  side === 'SELL' ? price < limitPrice : price > limitPrice;
