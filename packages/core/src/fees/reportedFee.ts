import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import { NonEmptyString, rule } from '../codecs/rule';

const FiniteNumber = rule(
  'a finite number (a maker rebate is negative)',
  (u): u is number => typeof u === 'number' && Number.isFinite(u),
);

/**
 * The fee the exchange reports for one fill (SEMANTICS §9.1). `value` is its worth in the
 * order's quote asset when the reporter knows it (a fee in a third asset, BNB, valued at the
 * last known BNB/USDT price): the core has no prices but its own symbol's.
 */
export const ReportedFee = closed(
  'fee',
  { amount: FiniteNumber, asset: NonEmptyString },
  { value: FiniteNumber },
);
export type ReportedFee = t.TypeOf<typeof ReportedFee>;

/** The same, in stored events, where codecs are open. */
export const FeeData = t.intersection([
  t.type({ amount: t.number, asset: t.string }),
  t.partial({ value: t.number }),
]);
