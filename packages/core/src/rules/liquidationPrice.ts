import Big from 'big.js';
import type { Side } from '../side';

/** Binance's maintenance margin rate of its lowest bracket on BTC and ETH perpetuals (0.4 %). */
export const DEFAULT_MAINTENANCE_MARGIN_RATE = 0.004;

/**
 * Where an isolated position of a linear perpetual, opened at `entryPrice` with `leverage`, is
 * liquidated: where its margin (the notional ÷ leverage) less the loss falls to the maintenance
 * margin (the notional at that price × `maintenanceMarginRate`), Binance's formula for one
 * isolated position with no other in its margin:
 * long `entry × (1 − 1/leverage) ÷ (1 − rate)`, short `entry × (1 + 1/leverage) ÷ (1 + rate)`.
 * A cross-margin position is backed by the whole wallet, so its liquidation price lies further
 * away: this estimate is the nearest the position can be liquidated at, before any fee. It holds
 * for a maintenance rate below the initial margin 1/leverage, where a venue's brackets keep it.
 */
export const estimatedLiquidationPrice = (
  side: Side,
  entryPrice: number,
  leverage: number,
  maintenanceMarginRate: number = DEFAULT_MAINTENANCE_MARGIN_RATE,
): number => {
  const margin = new Big(1).div(leverage);
  const entry = new Big(entryPrice);
  return side === 'BUY'
    ? entry.times(new Big(1).minus(margin)).div(new Big(1).minus(maintenanceMarginRate)).toNumber()
    : entry.times(new Big(1).plus(margin)).div(new Big(1).plus(maintenanceMarginRate)).toNumber();
};
