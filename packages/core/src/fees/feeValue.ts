import { mul } from '../decimal';
import { marketAssets } from '../fillModel/marketAssets';
import type { ReportedFee } from './reportedFee';

/** What a fee is worth in the order's quote asset, or the fee itself when nothing values it. */
export type FeeValue =
  | { readonly valued: number }
  | { readonly unvalued: { readonly asset: string; readonly amount: number } };

/**
 * SEMANTICS §9.2: a fee in the quote (or settlement) asset counts as it is, a fee in the base
 * asset at the fill's price, a fee in a third asset at the value its reporter gave it (the last
 * known ASSET/QUOTE price), and otherwise it is reported apart.
 */
export const feeValue = (fee: ReportedFee, symbol: string, price: number): FeeValue => {
  const assets = marketAssets(symbol);
  if (fee.asset === assets.quote || fee.asset === assets.settle) return { valued: fee.amount };
  if (fee.asset === assets.base) return { valued: mul(fee.amount, price) };
  if (fee.value !== undefined) return { valued: fee.value };
  return { unvalued: { asset: fee.asset, amount: fee.amount } };
};

/**
 * The part of an entry fill's fee that the position does not receive: a fee in the base asset
 * on spot. A contract delivers no coin, so nothing is withheld from its position.
 */
export const baseFeeOf = (fee: ReportedFee | undefined, symbol: string): number => {
  if (fee === undefined) return 0;
  const assets = marketAssets(symbol);
  return assets.settle === undefined && fee.asset === assets.base ? fee.amount : 0;
};
