import type { NativeStopMode } from '../commands/createSmartOrder';
import type { SmartOrderCreatedData, StopKind } from '../events/orderEvent';

export type OrderStatus =
  'PENDING' | 'ACTIVE' | 'PARTIALLY_CLOSED' | 'CLOSED' | 'STOPPED' | 'CANCELLED';

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'CLOSED',
  'STOPPED',
  'CANCELLED',
]);

/** Grey, yellow, green, red in a UI. */
export type LevelStatus = 'PENDING' | 'TRIGGERED' | 'FILLED' | 'CANCELLED';

export interface TakeProfitLevel {
  /** 1-based, as in the events. */
  readonly level: number;
  /** Its exit price; an offset level's is null until the entry fills (SEMANTICS §8.1). */
  readonly price: number | null;
  /** Its offset from the entry fill, for an offset level; its price is resolved from it. */
  readonly offsetPct: number | null;
  /** The nearer level it was merged into, having resolved to that level's price (§8.1). */
  readonly mergedInto: number | null;
  /** A trailing take-profit (§8.2): armed at its price, it exits on a fall back by its callback. */
  readonly trail: LevelTrail | null;
  readonly sizePct: number;
  /** Fixed at entry fill; 0 before. */
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly status: LevelStatus;
  /** The working or last exit order of this level. */
  readonly clientOrderId: string | null;
  /** Exit orders sent for this level so far (a rejected exit is sent again as attempt + 1). */
  readonly attempts: number;
  /**
   * What the level had filled when its current exit order was sent: that order's own fills are
   * `filledQuantity` less this (an attempt after a part-filled one that the venue dropped).
   * Absent: 0.
   */
  readonly filledBeforeAttempt?: number;
  /** Its exit order may still fill on the exchange (sent, not yet filled, cancelled or rejected). */
  readonly working: boolean;
}

/** The trail of one take-profit level: the mark and trail stop as last recorded once armed. */
export interface LevelTrail {
  readonly callbackRate: number;
  readonly mark: number | null;
  readonly stopPrice: number | null;
}

export interface TrailingState {
  readonly callbackRate: number;
  readonly activationPrice: number | null;
  readonly armed: boolean;
  /** High-water mark of a long, low-water mark of a short, as last recorded. */
  readonly mark: number | null;
  readonly stopPrice: number | null;
}

/**
 * A trailing entry (SEMANTICS §8.3) waiting for its turn: the low-water mark of a long (the
 * high-water mark of a short) as last recorded, and the price that sends the entry.
 */
export interface EntryTrailState {
  readonly callbackRate: number;
  readonly activationPrice: number | null;
  readonly armed: boolean;
  readonly mark: number | null;
  readonly triggerPrice: number | null;
  /** The entry's market order was sent: the trail has done its work. */
  readonly triggered: boolean;
}

/** One level of an entry ladder (SEMANTICS §8.4): an entry order of its own on the venue. */
export interface EntryLevel {
  /** 1-based, as in the events. */
  readonly level: number;
  /** The limit price; null for the MARKET level. */
  readonly price: number | null;
  readonly quantity: number;
  readonly filledQuantity: number;
  /** The average price of its fills; null before the first. */
  readonly averagePrice: number | null;
  readonly clientOrderId: string;
  /** `CANCELLED` once its cancel is asked for (`EntriesCancelled`) or the venue dropped it. */
  readonly status: 'WORKING' | 'FILLED' | 'CANCELLED';
  /** The venue may still fill it: sent, and neither filled nor confirmed gone. */
  readonly working: boolean;
}

/** A stop or flatten exit order working on the exchange. */
export interface ExitOrder {
  readonly clientOrderId: string;
  readonly quantity: number;
  readonly filledQuantity: number;
}

/** One native stop order: resting on the exchange, or asked to go and not yet confirmed gone. */
export interface NativeStopOrder {
  readonly clientOrderId: string;
  readonly stopPrice: number;
  readonly quantity: number;
  readonly filledQuantity: number;
  /** Its cancel was asked for: it is kept until the exchange confirms, because it may still fill. */
  readonly cancelling: boolean;
}

/** The native protective stop of an order that asked for one (SEMANTICS §7). */
export interface NativeStopState {
  readonly offsetRate: number;
  readonly mode: NativeStopMode;
  /** Native stop orders placed so far: the attempt of the next client order id. */
  readonly placed: number;
  readonly orders: readonly NativeStopOrder[];
  /** The one kept behind the managed stop; the others are being replaced or cancelled. */
  readonly current: string | null;
  /** A placement the exchange refused: not asked for again until the stop or size moves. */
  readonly refused: { readonly stopPrice: number; readonly quantity: number } | null;
}

/**
 * The order is being exited: the stop fired, a cancel with flatten is under way, or a PENDING
 * order is cancelled and waits for the exchange to confirm its entry cancelled.
 */
export interface Closing {
  /**
   * `CLOSE`: every take-profit filled, and an entry ladder's level that filled while its cancel
   * was in flight (SEMANTICS §8.4) is being exited at market; the order ends CLOSED when flat.
   */
  readonly reason: 'STOP' | 'CANCEL' | 'CLOSE';
  readonly kind: StopKind | null;
  readonly attempts: number;
  /** A cancel's `flatten`, as asked (true when absent): what its terminal event says. */
  readonly flatten?: boolean;
  /** Why a cancel was asked: by the user, or by the entry timeout (SEMANTICS §8.6). */
  readonly cancelReason?: 'MANUAL' | 'ENTRY_TIMEOUT';
  /**
   * The account's flatten exits the position (a kill switch's cancel): the order sends no exit
   * of its own and ends once its entry is gone, whatever it holds. Absent: false.
   */
  readonly leftToAccount?: boolean;
}

export interface OrderState {
  readonly spec: SmartOrderCreatedData;
  readonly status: OrderStatus;
  readonly entryWorking: boolean;
  /** When the order was created: the entry timeout counts from it (SEMANTICS §8.6). */
  readonly createdTs: number;
  /** When the entry first filled, in part or in full: the position time limit counts from it. */
  readonly firstEntryFillTs: number | null;
  /** A trailing entry's trail; null for a market or limit entry. */
  readonly entryTrail: EntryTrailState | null;
  /** An entry ladder's levels; null for one entry. `entryWorking` is whether any is working. */
  readonly entryLevels: readonly EntryLevel[] | null;
  readonly entryFilledQuantity: number;
  /** Average entry fill price; null before the first fill. */
  readonly entryPrice: number | null;
  readonly takeProfits: readonly TakeProfitLevel[];
  /** The fixed stop loss (which break-even may have moved). */
  readonly stopLoss: number | null;
  readonly stopSource: 'STOP_LOSS' | 'BREAK_EVEN' | 'LADDER' | null;
  /** An offset stop not resolved for good yet (§8.1); a stop the user set replaces it. */
  readonly stopOffsetPct: number | null;
  readonly breakEven: boolean;
  readonly breakEvenMoved: boolean;
  readonly anyTpFilled: boolean;
  readonly trailing: TrailingState | null;
  readonly exits: readonly ExitOrder[];
  readonly closing: Closing | null;
  /**
   * An exit was refused for insufficient balance (SEMANTICS §9.1): the balance moved outside
   * the engine, so no tick sends this order's exits again; the account reconciles, and the
   * operator decides. Absent: false.
   */
  readonly exitsHeld?: boolean;
  /**
   * One entry's rest was asked to be cancelled at the first take-profit fill (SEMANTICS §9.4,
   * `EntriesCancelled` with no levels): it may still fill until the venue confirms. Absent: false.
   */
  readonly entryCancelAsked?: boolean;
  readonly nativeStop: NativeStopState | null;
  /** Entry filled less its fees in the base asset (SEMANTICS §9.1); what is exited is this floored to the step. */
  readonly entryNetQuantity: number;
  /** Net entry quantity floored to the step, minus every exit fill. */
  readonly openQuantity: number;
  /** Gross realised P&L in the quote asset: exits against the average entry price. */
  readonly realisedPnl: number;
  /** Every fill's fee valued in the quote asset (SEMANTICS §9.2). */
  readonly fees: number;
  /**
   * The entry fills' fees not taken in the base asset, valued in the quote asset: break-even
   * with fees counts them in the entry cost (a base-asset fee makes the position smaller instead).
   */
  readonly entryFees: number;
  /** Fees in a third asset that nothing valued, summed by asset. */
  readonly feesUnvalued: readonly { readonly asset: string; readonly amount: number }[];
  /** Events folded so far: the stream version. */
  readonly version: number;
}

/** The decider's state for one order stream: null before `SmartOrderCreated`. */
export type State = OrderState | null;

export const initialState: State = null;

export const isTerminal = (s: OrderState): boolean => TERMINAL_STATUSES.has(s.status);
