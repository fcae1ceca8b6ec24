import type { Either } from 'fp-ts/Either';
import type { Observable } from 'rxjs';
import type { Position } from './accountReads';
import type { ExecType, Refusal, ReportedFee, Side, Tick } from '@smart-orders/core';

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
  /** The market's quantity step: a paper fill limited by the printed size is floored to it. */
  readonly stepSize?: number;
  /**
   * Sent again after a restart: what the log already holds as executed under this client
   * order id, `quantity` being the rest. A venue that kept the order is looked up and never
   * sees this; the paper exchange, whose book died with the process, continues the order from
   * there, so that its reports' cumulative quantities, sizes and fees go on where they stopped.
   */
  readonly filledQuantity?: number;
  readonly ts: number;
}

export type OrderType = 'MARKET' | 'LIMIT' | 'STOP';

/** A venue's grid and minimums for one symbol, in the base and quote assets. */
export interface VenueMarketRules {
  readonly tickSize: number;
  readonly stepSize: number;
  readonly minQty?: number;
  readonly minNotional?: number;
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
  /** A REJECTED create the rules treat apart: insufficient balance is never retried (§9.1). */
  readonly refusal?: Refusal;
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
  /**
   * The executions this answer lists, each with its fee, when the exchange lists them (a create
   * answered with its fills, as Binance's FULL answer and the paper exchange do): they are
   * reported one by one, so that each fill's fee reaches the core.
   */
  readonly fills?: readonly ExchangeReport[];
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
  /**
   * The fee of this fill (`lastQuantity`), as the exchange charged it (SEMANTICS §9.1): the
   * core folds it into the net position and the net P&L. Absent: the exchange said nothing
   * about it, which is not the same as a zero fee.
   */
  readonly fee?: ReportedFee;
  /** Why a REJECTED order was refused, when the rules treat it apart (SEMANTICS §9.1). */
  readonly refusal?: Refusal;
}

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

/**
 * Execution: what the engine asks of a venue after a decision is committed, and what the
 * venue says back. Every request carries a deterministic client order id; an answer is the
 * order's state as the venue holds it (`reportsFromOrder` turns it into reports), and later
 * news about an order (a fill of a resting order) arrives on `reports$`.
 */
export interface Execution {
  readonly id: string;
  place(request: OrderRequest): Promise<Either<ExchangeError, ExchangeOrder>>;
  cancel(clientOrderId: string, symbol: string): Promise<Either<ExchangeError, ExchangeOrder>>;
  /** Right(null) means provably absent: the order may be sent again with the same id. */
  lookup(
    clientOrderId: string,
    symbol: string,
  ): Promise<Either<ExchangeError, ExchangeOrder | null>>;
  /**
   * The venue's market for a symbol (price tick, quantity step and minimums, in base units):
   * authoritative for a new order (SEMANTICS §1 v2). Absent: the order's own market or the
   * paper default (the paper exchange, which has none of its own).
   */
  marketRules?(symbol: string): Promise<Either<ExchangeError, VenueMarketRules>>;
  /** Absent: the venue keeps no native stops, and an order asking for one is told so. */
  nativeStops?(symbol: string): Promise<NativeStopSupport>;
  /** Moves a resting STOP order in place; only called where `nativeStops` says AMEND. */
  amendStop?(
    clientOrderId: string,
    symbol: string,
    change: StopChange,
  ): Promise<Either<ExchangeError, ExchangeOrder>>;
  readonly reports$: Observable<ExchangeReport>;
  /**
   * A venue that trades in the engine's tick time (the paper exchange) sees the market through
   * the ticks the engine acts on: it matches its resting orders on each one and answers with the
   * fills at once, and the engine folds them in that tick's unit of work, before the tick's own
   * triggers. A venue with a market of its own has no such method: its fills arrive on `reports$`.
   */
  matchTick?(tick: Tick): readonly ExchangeReport[];
  /**
   * A venue that lives in the engine's process starts empty when the process does: at start the
   * engine tells it the positions its account's log says it held, so that a resumed replay
   * flattens what an uninterrupted one would. A real venue keeps its own positions.
   */
  restorePositions?(positions: readonly Position[]): void;
}
