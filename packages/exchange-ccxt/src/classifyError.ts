import { ccxt } from './ccxtModule';
import type { ExchangeError } from '@smart-orders/engine';
import type { CcxtExchangeId } from './exchangeIds';
import { isDuplicateClientOrderId } from './duplicateClientOrderId';
import { redactSecrets } from './redactSecrets';

/**
 * What a failed request means for the order it concerns:
 * - `unknown`: the request may or may not have been executed (timeouts, dropped connections,
 *   "execution status unknown", server errors ccxt could not map): look before sending again;
 * - `duplicate`: the venue already holds an order with this client order id: it landed;
 * - `rejected`: the venue said no and changed nothing (invalid order, funds, market state);
 * - `notFound`, `authentication`, `rateLimited`: what they say.
 */
export type FailureKind =
  'unknown' | 'duplicate' | 'rejected' | 'notFound' | 'authentication' | 'rateLimited';

export interface Failure {
  readonly kind: FailureKind;
  readonly error: ExchangeError;
}

const CODE: Record<FailureKind, ExchangeError['code']> = {
  unknown: 'NETWORK',
  duplicate: 'NETWORK',
  rejected: 'REJECTED',
  notFound: 'NOT_FOUND',
  authentication: 'AUTHENTICATION',
  rateLimited: 'RATE_LIMITED',
};

/**
 * Binance's USDⓈ-M answers to an order that does not fit the account's position mode: -4061
 * (a positionSide the mode does not use) and -1106 (reduceOnly sent in hedge mode). ccxt leaves
 * them bare ExchangeErrors, which would read as unknown outcomes and be looked up and sent again;
 * the order was refused and nothing was placed.
 */
const isPositionModeRefusal = (exchangeId: CcxtExchangeId, message: string): boolean =>
  exchangeId === 'binance' && /"code":\s*-(4061|1106)\b/.test(message);

const kindOf = (exchangeId: CcxtExchangeId, e: unknown, message: string): FailureKind => {
  if (e instanceof ccxt.DuplicateOrderId) return 'duplicate';
  if (e instanceof ccxt.OrderNotFound) return 'notFound';
  if (e instanceof ccxt.AuthenticationError) return 'authentication';
  if (e instanceof ccxt.RateLimitExceeded || e instanceof ccxt.DDoSProtection) return 'rateLimited';
  // Timeouts, dropped connections, "execution status unknown" (binance -1006/-1007 are BadResponse).
  if (e instanceof ccxt.OperationFailed) return 'unknown';
  if (e instanceof ccxt.ExchangeError && isDuplicateClientOrderId(exchangeId, message))
    return 'duplicate';
  if (e instanceof ccxt.ExchangeError && isPositionModeRefusal(exchangeId, message))
    return 'rejected';
  if (
    e instanceof ccxt.InvalidOrder ||
    e instanceof ccxt.InsufficientFunds ||
    e instanceof ccxt.BadRequest ||
    e instanceof ccxt.ArgumentsRequired ||
    e instanceof ccxt.NotSupported ||
    e instanceof ccxt.OperationRejected ||
    e instanceof ccxt.InvalidAddress
  )
    return 'rejected';
  // A bare ExchangeError is a server answer ccxt could not map, and anything else is ours or
  // the transport's: neither proves the venue did nothing.
  return 'unknown';
};

export const classifyError = (
  exchangeId: CcxtExchangeId,
  e: unknown,
  secrets: readonly string[],
): Failure => {
  // Not `instanceof Error`: ccxt's errors may come from another realm (jest's sandbox).
  const error =
    typeof e === 'object' && e !== null ? (e as { name?: unknown; message?: unknown }) : {};
  const raw = typeof error.message === 'string' ? error.message : String(e);
  const kind = kindOf(exchangeId, e, raw);
  const name = typeof error.name === 'string' ? error.name : 'Error';
  // Insufficient balance (Binance -2010, ccxt's InsufficientFunds) is a refusal the engine
  // must not retry (SEMANTICS §9.1): it says so, typed.
  const short = e instanceof ccxt.InsufficientFunds || name === 'InsufficientFunds';
  return {
    kind,
    error: {
      code: CODE[kind],
      message: `${exchangeId} ${name}: ${redactSecrets(raw, secrets)}`,
      ...(short ? { refusal: 'INSUFFICIENT_BALANCE' as const } : {}),
    },
  };
};
