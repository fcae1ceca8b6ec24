import Big from 'big.js';
import type { Side } from '../side';
import type { FeeSchedule } from './feeSchedule';
import { marketAssets } from './marketAssets';

/** What one fill cost: an amount of one asset, exact, not rounded (SEMANTICS §9.1). */
export interface Fee {
  readonly amount: number;
  readonly asset: string;
}

/** A resting limit order that fills is a maker; market, stop and triggered exits are takers. */
export type Liquidity = 'MAKER' | 'TAKER';

export interface FeeInput {
  readonly symbol: string;
  readonly side: Side;
  /** The fill closes (part of) a position: the buy of a short's exit is not a purchase. */
  readonly reduceOnly: boolean;
  readonly liquidity: Liquidity;
  readonly price: number;
  readonly quantity: number;
}

/**
 * The fee of one fill (SEMANTICS §9.4): `quantity × price × bps / 10000` in the quote asset,
 * or `quantity × bps / 10000` in the base asset when the schedule charges the received asset
 * and the fill is a buy that opens or adds to a long. A contract (`BTC/USDT:USDT`) delivers no
 * base asset, so its fees are always in the settlement asset.
 */
export const feeOf = (schedule: FeeSchedule, fill: FeeInput): Fee => {
  const assets = marketAssets(fill.symbol);
  const bps = fill.liquidity === 'MAKER' ? schedule.makerBps : schedule.takerBps;
  const rate = new Big(bps).div(10_000);
  const inBase =
    schedule.asset === 'RECEIVED' &&
    assets.settle === undefined &&
    fill.side === 'BUY' &&
    !fill.reduceOnly;
  return inBase
    ? { amount: new Big(fill.quantity).times(rate).toNumber(), asset: assets.base }
    : {
        amount: new Big(fill.quantity).times(fill.price).times(rate).toNumber(),
        asset: assets.settle ?? assets.quote,
      };
};
