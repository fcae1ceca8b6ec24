import Big from 'big.js';
import { own } from './accountRules';
import type { Flatten } from './accountState';

/**
 * What a report of a flatten exit adds to its fills. The cumulative quantity, when the report
 * has one, is counted against what the flatten has already counted for that order (the current
 * exit or one it replaced), so a fill reported twice (a stream's view and a lookup's, or views
 * merged by the client) is counted once; a report with no cumulative quantity adds its own.
 * Zero: nothing new.
 */
export const exitFillQuantity = (
  flatten: Flatten | null,
  clientOrderId: string,
  report: { readonly lastQuantity?: number; readonly cumulativeQuantity?: number },
): number => {
  if (report.cumulativeQuantity === undefined) return report.lastQuantity ?? 0;
  const counted = flatten === null ? 0 : (own(flatten.filled, clientOrderId) ?? 0);
  const added = new Big(report.cumulativeQuantity).minus(counted);
  return added.gt(0) ? added.toNumber() : 0;
};
