import type { StopKind } from '../events/orderEvent';
import { settlement } from '../fees/settlement';
import { effectiveStop } from '../rules/effectiveStop';
import type { LevelStatus, OrderState, OrderStatus } from '../state/orderState';
import type { Side } from '../side';

/** What a UI or the `status` command shows of one order. */
export interface OrderView {
  readonly orderId: string;
  readonly exchange: string;
  readonly symbol: string;
  readonly side: Side;
  readonly status: OrderStatus;
  readonly quantity: number;
  /** The average price of the entry's parts so far; null before the first. */
  readonly entryPrice: number | null;
  /** What of `quantity` has filled so far: an ACTIVE order's entry may still be filling (§9.4). */
  readonly entryFilledQuantity: number;
  /** The entry (or a level of an entry ladder) may still fill on the exchange. */
  readonly entryWorking: boolean;
  readonly openQuantity: number;
  readonly takeProfits: readonly {
    readonly level: number;
    /** Null for an offset level until the entry fills (SEMANTICS §8.1). */
    readonly price: number | null;
    readonly offsetPct: number | null;
    /** The nearer level this one was merged into, having resolved to its price. */
    readonly mergedInto: number | null;
    /** A trailing take-profit: its callback, and its mark and trail stop once armed (§8.2). */
    readonly trailing: {
      readonly callbackRate: number;
      readonly armed: boolean;
      readonly mark: number | null;
      readonly stopPrice: number | null;
    } | null;
    readonly sizePct: number;
    readonly quantity: number;
    readonly filledQuantity: number;
    readonly status: LevelStatus;
  }[];
  /** `filled levels / total levels`, like `2/3`. */
  readonly progress: string;
  readonly stopLoss: number | null;
  /** The stop ladder (SEMANTICS §8.5): after TP n fills the stop moves to level n − k. */
  readonly stopLadder: 1 | 2 | null;
  readonly effectiveStop: { readonly price: number; readonly kind: StopKind } | null;
  readonly trailing: {
    readonly callbackRate: number;
    readonly armed: boolean;
    readonly mark: number | null;
    readonly stopPrice: number | null;
  } | null;
  readonly breakEven: boolean;
  /** An entry ladder (SEMANTICS §8.4): each level's limit (null: market), size and state. */
  readonly entries:
    | readonly {
        readonly level: number;
        readonly price: number | null;
        readonly quantity: number;
        readonly filledQuantity: number;
        readonly status: 'WORKING' | 'FILLED' | 'CANCELLED';
      }[]
    | null;
  /** A trailing entry (SEMANTICS §8.3): its low-water mark (a short's high) and the price that buys. */
  readonly entryTrail: {
    readonly callbackRate: number;
    readonly armed: boolean;
    readonly mark: number | null;
    readonly triggerPrice: number | null;
    readonly triggered: boolean;
  } | null;
  /** The native stop kept on the exchange: where it rests, or why the venue keeps none. */
  readonly nativeStop: {
    readonly mode: 'AMEND' | 'REPLACE' | 'OFF';
    readonly stopPrice: number | null;
    readonly clientOrderId: string | null;
    readonly reason?: string;
  } | null;
  /** Realised P&L net of fees, in the quote asset (SEMANTICS §9.2). */
  readonly realisedPnl: number;
  /** The same, gross and fees beside net: `fees + net = gross`. */
  readonly pnl: { readonly gross: number; readonly fees: number; readonly net: number };
  /** Fees in a third asset that nothing valued, apart from `fees`. */
  readonly feesUnvalued: readonly { readonly asset: string; readonly amount: number }[];
  readonly version: number;
}

const nativeStopView = (s: OrderState): OrderView['nativeStop'] => {
  const spec = s.spec.nativeStop;
  if (spec === undefined) return null;
  if (spec.mode === 'OFF')
    return { mode: 'OFF', stopPrice: null, clientOrderId: null, reason: spec.reason ?? 'off' };
  const current = s.nativeStop?.orders.find((o) => o.clientOrderId === s.nativeStop?.current);
  return {
    mode: spec.mode,
    stopPrice: current?.stopPrice ?? null,
    clientOrderId: current?.clientOrderId ?? null,
  };
};

export const orderView = (s: OrderState): OrderView => {
  const filled = s.takeProfits.filter((l) => l.status === 'FILLED').length;
  return {
    orderId: s.spec.orderId,
    exchange: s.spec.exchange,
    symbol: s.spec.symbol,
    side: s.spec.side,
    status: s.status,
    quantity: s.spec.quantity,
    entryPrice: s.entryPrice,
    entryFilledQuantity: s.entryFilledQuantity,
    entryWorking: s.entryWorking,
    openQuantity: s.openQuantity,
    takeProfits: s.takeProfits.map(
      ({
        level,
        price,
        offsetPct,
        mergedInto,
        trail,
        sizePct,
        quantity,
        filledQuantity,
        status,
      }) => ({
        level,
        price,
        offsetPct,
        mergedInto,
        trailing:
          trail === null
            ? null
            : {
                callbackRate: trail.callbackRate,
                armed: trail.mark !== null,
                mark: trail.mark,
                stopPrice: trail.stopPrice,
              },
        sizePct,
        quantity,
        filledQuantity,
        status,
      }),
    ),
    progress: `${filled}/${s.takeProfits.length}`,
    stopLoss: s.stopLoss,
    stopLadder: s.spec.stopLoss?.ladder ?? null,
    effectiveStop:
      s.status === 'PENDING' || s.status === 'ACTIVE' || s.status === 'PARTIALLY_CLOSED'
        ? effectiveStop(s)
        : null,
    trailing:
      s.trailing === null
        ? null
        : {
            callbackRate: s.trailing.callbackRate,
            armed: s.trailing.armed,
            mark: s.trailing.mark,
            stopPrice: s.trailing.stopPrice,
          },
    breakEven: s.breakEven,
    entries:
      s.entryLevels?.map(({ level, price, quantity, filledQuantity, status }) => ({
        level,
        price,
        quantity,
        filledQuantity,
        status,
      })) ?? null,
    entryTrail:
      s.entryTrail === null
        ? null
        : {
            callbackRate: s.entryTrail.callbackRate,
            armed: s.entryTrail.armed,
            mark: s.entryTrail.mark,
            triggerPrice: s.entryTrail.triggerPrice,
            triggered: s.entryTrail.triggered,
          },
    nativeStop: nativeStopView(s),
    realisedPnl: settlement(s).realisedPnl.net,
    pnl: settlement(s).realisedPnl,
    feesUnvalued: s.feesUnvalued,
    version: s.version,
  };
};
