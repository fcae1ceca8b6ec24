import { orderKey } from '../clientOrderId';

/**
 * Client order ids of flatten exits, in the shape of the smart orders' ids (lowercase, at most
 * 28 characters for attempts up to 99999, readable head) with purpose letter `k` (kill switch):
 * `sok0r<attempt><hash>`.
 * The hash covers the account, the symbol and the flatten's number, so a later flatten of the
 * same symbol never reuses an id, and after a restart the same exit gets the same id: it is
 * looked up on the exchange, never sent twice. A smart order's router (`orderKeyOf`) does not
 * match these ids.
 */
const flattenKey = (accountId: string, symbol: string, flatten: number): string =>
  orderKey(`${accountId}/${symbol}/flatten-${flatten}`);

export const flattenClientOrderId = (
  accountId: string,
  symbol: string,
  flatten: number,
  attempt: number,
): string => `sok0r${attempt}${flattenKey(accountId, symbol, flatten)}`;

const SHAPE = /^sok0r(\d{1,5})([0-9a-z]{16})$/;

/** Whether `cid` is a flatten exit's id (of any account): route its reports to the account decider. */
export const isFlattenClientOrderId = (cid: string): boolean => SHAPE.test(cid);

/** The attempt of a flatten exit of this account, symbol and flatten; null for any other id. */
export const flattenAttemptOf = (
  accountId: string,
  symbol: string,
  flatten: number,
  cid: string,
): number | null => {
  const m = SHAPE.exec(cid);
  return m === null || m[2] !== flattenKey(accountId, symbol, flatten) ? null : Number(m[1]);
};
