import type { Either } from 'fp-ts/Either';
import type { Observable } from 'rxjs';
import type { ExecType, Side, Tick } from '@smart-orders/core';

/** One exchange order that the engine sends; its intent is already committed when it is sent. */
export interface OrderRequest {
  readonly clientOrderId: string;
  /** The smart order it belongs to, so that execution reports find their stream. */
  readonly orderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: 'MARKET' | 'LIMIT';
  readonly quantity: number;
  /** Limit price of a LIMIT order. */
  readonly price?: number;
  /** Exits never open or grow a position. */
  readonly reduceOnly: boolean;
  /** Price of the tick that triggered the order; a paper market order fills there. */
  readonly triggerPrice?: number;
  readonly ts: number;
}

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
  readonly type: 'MARKET' | 'LIMIT';
  readonly status: ExchangeOrderStatus;
  readonly quantity: number;
  readonly filledQuantity: number;
  /** Average fill price; null before any fill. */
  readonly averagePrice: number | null;
  readonly price: number | null;
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
  match(tick: Tick): readonly ExchangeReport[];
  /** What the simulated account holds now: a flatten polls it until it is flat. */
  holdings?(): Holdings;
  /**
   * A restarted process's book starts empty; the positions the log says it held are put back,
   * so that a resumed replay flattens what an uninterrupted one would.
   */
  restorePositions?(positions: readonly Position[]): void;
}

/** Every non-zero position and every working order, as the exchange reports them. */
export interface Holdings {
  readonly positions: readonly Position[];
  readonly workingOrders: readonly { readonly clientOrderId: string; readonly symbol: string }[];
}

/** The exchange port: adapters (paper, ccxt) implement it; the engine never imports them. */
export interface Exchange {
  readonly id: string;
  readonly simulation?: Simulation;
  place(request: OrderRequest): Promise<Either<ExchangeError, ExchangeOrder>>;
  cancel(clientOrderId: string, symbol: string): Promise<Either<ExchangeError, ExchangeOrder>>;
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
