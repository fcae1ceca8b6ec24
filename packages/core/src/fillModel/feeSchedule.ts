import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import { literals, rule } from '../codecs/rule';

/**
 * Where a fill's fee is charged (SEMANTICS §9.4): `RECEIVED` is Binance spot without BNB (and
 * Bybit, OKX, Gate, Bitget spot): a buy that opens or adds to a long pays in the base asset it
 * receives, every other fill in the quote asset. `QUOTE`: every fill pays in the quote asset.
 */
export const FeeAsset = literals(['RECEIVED', 'QUOTE'] as const);
export type FeeAsset = t.TypeOf<typeof FeeAsset>;

const Bps = rule(
  'basis points, a finite number in [0, 1000]',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0 && u <= 1000,
);

/** Maker and taker rates in basis points (10 bps = 0.1 %). */
export const FeeSchedule = closed('FeeSchedule', {
  makerBps: Bps,
  takerBps: Bps,
  asset: FeeAsset,
});
export type FeeSchedule = t.TypeOf<typeof FeeSchedule>;

/** The spec's default: 10 / 10 bps in the received asset, what a spot account without BNB pays. */
export const DEFAULT_FEE_SCHEDULE: FeeSchedule = { makerBps: 10, takerBps: 10, asset: 'RECEIVED' };

/** `--fees 0`: nothing charged, the version 1 paper exchange. */
export const NO_FEES: FeeSchedule = { makerBps: 0, takerBps: 0, asset: 'QUOTE' };
