import type { Either } from 'fp-ts/Either';
import type { Holdings } from '@smart-orders/core';
import type { ExchangeError, ExchangeOrder } from './execution';

export interface Position {
  readonly symbol: string;
  /** Signed base-asset amount: positive long, negative short. */
  readonly quantity: number;
}

/** A derivatives position as the exchange prices it: where it is liquidated, and its mark. */
export interface PricedPosition extends Position {
  /** Null where the exchange gives none. */
  readonly liquidationPrice: number | null;
  readonly markPrice?: number;
}

export interface Balance {
  readonly asset: string;
  readonly free: number;
  readonly used: number;
}

/**
 * Every non-zero position and every working order, as the exchange reports them: the core's
 * own type, the one the account decider reconciles with, so there is one definition of it.
 */
export type { Holdings };

/**
 * Account reads: what the venue holds, for the account's reconciliation and a flatten's polls.
 * A derivatives venue reports positions; a spot venue reports balances (`readHoldings` turns
 * them into positions).
 */
export interface AccountReads {
  openOrders(symbol?: string): Promise<Either<ExchangeError, readonly ExchangeOrder[]>>;
  positions(): Promise<Either<ExchangeError, readonly Position[]>>;
  balances(): Promise<Either<ExchangeError, readonly Balance[]>>;
  /** Derivatives positions with their liquidation prices; absent where there are none (spot). */
  liquidationPrices?(): Promise<Either<ExchangeError, readonly PricedPosition[]>>;
}
