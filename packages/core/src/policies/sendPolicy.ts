import type { AccountState } from '../account/accountState';

/** An exchange request as the account's gate sees it. */
export interface GatedRequest {
  readonly kind: 'place' | 'cancel' | 'amend';
  /** A placed order that only ever reduces a position (an exit, a native stop). */
  readonly reduceOnly: boolean;
}

/**
 * What a guarded account may send (a policy of SEMANTICS §7): nothing while the reconciliation
 * gate is closed (`HOLD`: sent once it opens); while HALTED only what reduces — cancels, amends
 * of a resting stop, reduce-only orders — and an entry is not sent (`DROP`, left to a later
 * start's recovery); anything otherwise (`SEND`).
 */
export const sendPolicy = (
  account: AccountState,
  request: GatedRequest,
): 'SEND' | 'HOLD' | 'DROP' => {
  if (account.gate === 'RECONCILING') return 'HOLD';
  if (account.tradingState !== 'HALTED') return 'SEND';
  return request.kind !== 'place' || request.reduceOnly ? 'SEND' : 'DROP';
};
