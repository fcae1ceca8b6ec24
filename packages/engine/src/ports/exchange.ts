import type { Either } from 'fp-ts/Either';
import type { Observable } from 'rxjs';
import type { ExecType, Holdings, Side, Tick } from '@smart-orders/core';

/** One exchange order that the engine sends; its intent is already committed when it is sent. */
export interface OrderRequest {
  readonly clientOrderId: string;
  /** The smart order it belongs to, so that execution reports find their stream. */
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  /** `STOP`: a stop-market order that rests on the exchange until its `stopPrice` trades. */
  readonly type: OrderType;
  readonly quantity: number;
  /** Limit price of a LIMIT order. */
  readonly price?: number;
  /** Trigger price of a STOP order: a sell stop fires at or below it, a buy stop at or above. */
  readonly stopPrice?: number;
  /** Exits never open or grow a position. */
  readonly reduceOnly: boolean;
  /** Price of the tick that triggered the order; a paper market order fills there. */
  readonly triggerPrice?: number;
  /** The market's price grid: a paper fill moved by slippage is rounded to it, against the order. */
  readonly tickSize?: number;
  readonly ts: number;
}

export type OrderType = 'MARKET' | 'LIMIT' | 'STOP';

export type ExchangeErrorCode =
  | 'NETWORK' // outcome unknown: look the client order id up before sending again
  | 'REJECTED' // the exchange said no (invalid order, funds, market state)
  | 'NOT_FOUND'
  | 'AUTHENTICATION'
  | 'RATE_LIMITED';

export interface ExchangeError {
  readonly code: ExchangeErrorCode;
  readonly message: string;
}

export type ExchangeOrderStatus = 'OPEN' | 'FILLED' | 'CANCELED' | 'REJECTED' | 'EXPIRED';

/** What the exchange reports about one order, looked up by its client order id. */
export interface ExchangeOrder {
  readonly clientOrderId: string;
  readonly exchangeOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly status: ExchangeOrderStatus;
  readonly quantity: number;
  readonly filledQuantity: number;
  /** Average fill price; null before any fill. */
  readonly averagePrice: number | null;
  readonly price: number | null;
  /** Trigger price of a STOP order, when the exchange says. */
  readonly stopPrice?: number | null;
  /** Exchange time of the order's last change, epoch ms, when the exchange says. */
  readonly updatedAt?: number;
}

export interface Position {
  readonly symbol: string;
  /** Signed base-asset amount: positive long, negative short. */
  readonly quantity: number;
}

export interface Balance {
  readonly asset: string;
  readonly free: number;
  readonly used: number;
}

/**
 * What the exchange says about one order the engine placed (FIX execution report terms).
 * The engine finds the smart order by the client order id, so adapters need no registry.
 * `cumulativeQuantity` makes a repeated TRADE report harmless.
 */
export interface ExchangeReport {
  readonly clientOrderId: string;
  readonly symbol: string;
  /** Exchange time of the report, epoch ms. */
  readonly ts: number;
  readonly execType: ExecType;
  readonly lastPrice?: number;
  readonly lastQuantity?: number;
  readonly cumulativeQuantity?: number;
  readonly exchangeOrderId?: string;
  readonly reason?: string;
}

/**
 * An exchange that fills in this process (the paper exchange). Its book dies with the process,
 * exactly like an uncommitted batch, so the engine may match inside a batch and commit intents
 * and fills together: a crash loses both or neither.
 */
export interface Simulation {
  submit(request: OrderRequest): readonly ExchangeReport[];
  cancel(clientOrderId: string, ts: number): readonly ExchangeReport[];
  /** Moves a resting STOP order in place; only called where `nativeStops` says AMEND. */
  amendStop?(clientOrderId: string, change: StopChange): readonly ExchangeReport[];
  match(tick: Tick): readonly ExchangeReport[];
  /** What the simulated account holds now: a flatten polls it until it is flat. */
  holdings?(): Holdings;
  /**
   * A restarted process's book starts empty; the positions the log says it held are put back,
   * so that a resumed replay flattens what an uninterrupted one would.
   */
  restorePositions?(positions: readonly Position[]): void;
}

/**
 * Every non-zero position and every working order, as the exchange reports them: the core's
 * own type, the one the account decider reconciles with, so there is one definition of it.
 */
export type { Holdings };

/**
 * How a venue can keep a native protective stop (SEMANTICS §7) for one symbol. `AMEND` moves
 * the resting stop in place under the same client order id; `REPLACE` places the new stop
 * first and cancels the old one once the new one is accepted; `OFF` says why it cannot (on
 * spot a resting stop would lock the balance that the take-profits sell).
 */
export type NativeStopSupport =
  { readonly mode: 'AMEND' | 'REPLACE' } | { readonly mode: 'OFF'; readonly reason: string };

/** A resting stop's new trigger price and size. */
export interface StopChange {
  /** The stop's side, as placed: a SELL stop protects a long. */
  readonly side: Side;
  readonly stopPrice: number;
  readonly quantity: number;
  readonly ts: number;
}

/** The exchange port: adapters (paper, ccxt) implement it; the engine never imports them. */
export interface Exchange {
  readonly id: string;
  readonly simulation?: Simulation;
  place(request: OrderRequest): Promise<Either<ExchangeError, ExchangeOrder>>;
  cancel(clientOrderId: string, symbol: string): Promise<Either<ExchangeError, ExchangeOrder>>;
  /** Absent: the venue keeps no native stops, and an order asking for one is told so. */
  nativeStops?(symbol: string): Promise<NativeStopSupport>;
  /** Moves a resting STOP order in place; only called where `nativeStops` says AMEND. */
  amendStop?(
    clientOrderId: string,
    symbol: string,
    change: StopChange,
  ): Promise<Either<ExchangeError, ExchangeOrder>>;
  /** Right(null) means provably absent: the order may be sent again with the same id. */
  lookup(
    clientOrderId: string,
    symbol: string,
  ): Promise<Either<ExchangeError, ExchangeOrder | null>>;
  openOrders(symbol?: string): Promise<Either<ExchangeError, readonly ExchangeOrder[]>>;
  positions(): Promise<Either<ExchangeError, readonly Position[]>>;
  balances(): Promise<Either<ExchangeError, readonly Balance[]>>;
  readonly reports$: Observable<ExchangeReport>;
  ticks$(symbols: readonly string[]): Observable<Tick>;
  close(): Promise<void>;
}
