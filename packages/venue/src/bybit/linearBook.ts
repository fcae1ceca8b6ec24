import type { FuturesEngine } from '../usdm/futuresEngine';
import type { AlgoOrder, FuturesOrder } from '../usdm/futuresOrder';
import type { VenueMarket } from '../venueMarket';
import { linearOrderJson, type LinearOrderExtra } from './linearMessages';

/**
 * The venue's record of linear orders beyond the futures engine's: fees per order, who
 * cancelled, a conditional order's direction, and which order a conditional one placed when
 * it triggered (Bybit shows both as one order under the conditional order's ids).
 */
export interface LinearBook {
  /** A fill's fee, an order cancelled by the client, a conditional order's direction. */
  feePaid(orderId: number, fee: number): void;
  cancelledByUser(ref: { readonly orderId: number } | { readonly algoId: number }): void;
  directed(algoId: number, direction: 1 | 2): void;
  /** The conditional order that placed this one, if any. */
  algoOf(o: FuturesOrder): AlgoOrder | undefined;
  orderJson(o: FuturesOrder): ReturnType<typeof linearOrderJson>;
  algoJson(a: AlgoOrder): ReturnType<typeof linearOrderJson>;
  /** The orders the client sees, newest first: plain orders and conditional ones. */
  views(): readonly View[];
}

export type View =
  | { readonly kind: 'order'; readonly order: FuturesOrder }
  | { readonly kind: 'algo'; readonly algo: AlgoOrder };

export const createLinearBook = (engine: FuturesEngine): LinearBook => {
  const fees = new Map<number, number>();
  const cancelledOrders = new Set<number>();
  const cancelledAlgos = new Set<number>();
  const directions = new Map<number, 1 | 2>();
  const marketOf = (id: string) => engine.market(id) as VenueMarket;
  const placedBy = (a: AlgoOrder): FuturesOrder | undefined =>
    a.actualOrderId === ''
      ? undefined
      : engine.orders().find((o) => String(o.orderId) === a.actualOrderId);
  const algoOf = (o: FuturesOrder): AlgoOrder | undefined =>
    o.origType === 'STOP_MARKET' || o.origType === 'TAKE_PROFIT_MARKET'
      ? engine.algos().find((a) => a.actualOrderId === String(o.orderId))
      : undefined;
  const algoJson = (a: AlgoOrder) => {
    const placed = placedBy(a);
    const extra: LinearOrderExtra = {
      fee: placed === undefined ? 0 : (fees.get(placed.orderId) ?? 0),
      cancelledByUser: cancelledAlgos.has(a.algoId),
      triggerDirection: directions.get(a.algoId) ?? 0,
    };
    return linearOrderJson(
      marketOf(a.symbol),
      placed === undefined ? { algo: a } : { algo: a, placed },
      extra,
    );
  };
  return {
    feePaid: (orderId, fee) => fees.set(orderId, (fees.get(orderId) ?? 0) + fee),
    cancelledByUser: (ref) =>
      'orderId' in ref ? cancelledOrders.add(ref.orderId) : cancelledAlgos.add(ref.algoId),
    directed: (algoId, direction) => directions.set(algoId, direction),
    algoOf,
    orderJson: (o) => {
      const algo = algoOf(o);
      if (algo !== undefined) return algoJson(algo);
      return linearOrderJson(
        marketOf(o.symbol),
        { order: o },
        {
          fee: fees.get(o.orderId) ?? 0,
          cancelledByUser: cancelledOrders.has(o.orderId),
          triggerDirection: 0,
        },
      );
    },
    algoJson,
    views: () =>
      [
        ...engine
          .orders()
          .filter((o) => algoOf(o) === undefined)
          .map((order): View & { t: number } => ({ kind: 'order', order, t: order.time })),
        ...engine.algos().map((algo): View & { t: number } => ({
          kind: 'algo',
          algo,
          t: algo.createTime,
        })),
      ]
        .sort((a, b) => b.t - a.t)
        .map(({ t: _t, ...v }) => v as View),
  };
};
