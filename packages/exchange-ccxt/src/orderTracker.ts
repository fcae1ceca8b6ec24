import type { Order } from 'ccxt';
import { sub } from '@smart-orders/core';
import type { ExchangeReport } from '@smart-orders/engine';
import type { CcxtExchangeId } from './exchangeIds';
import { feeDelta, feeViewOf } from './fillFees';
import { filledUnitsOf, toBase, wireClientOrderIdOf } from './toExchangeOrder';
import { asPlainOrder, childOrderIdOf } from './triggerOrderView';
import { clientOrderIdFromWire } from './wireClientOrderId';

/** What the adapter knows of one of the engine's exchange orders. */
export interface TrackedOrder {
  readonly clientOrderId: string;
  readonly wire: string;
  readonly symbol: string;
  readonly contractSize: number;
  /** When the last create of this id was signed: lookups scan from here. */
  sentAt: number;
  exchangeOrderId: string | undefined;
  /** Base quantity filled so far and its quote cost, as last reported. */
  filled: number;
  cost: number | undefined;
  newReported: boolean;
  ended: boolean;
  /** The latest view of the order from any source: the stream's sighting settles an unknown outcome. */
  lastSeen: Order | undefined;
  /** Fees reported so far, per asset, as exact decimal strings. */
  fees: Map<string, string>;
}

export interface TrackInput {
  readonly clientOrderId: string;
  readonly wire: string;
  readonly symbol: string;
  readonly contractSize: number;
  readonly sentAt: number;
}

// The core's id shape: an order on the venue that carries one is the engine's, even when
// this process did not place it (a restart), and its reports must reach the engine.
// `k`: the account's flatten exits (`flattenClientOrderId`), tracked like any engine order;
// `n`: native protective stops (SEMANTICS §7).
const ENGINE_ID = /^so[etsfkn]\d{1,3}r\d{1,6}[0-9a-z]{16}$/;

/**
 * Ended orders the tracker keeps, the most recent: while an ended order is known, a late copy
 * of its last view (a stream's repeat, a lookup's answer) reports nothing, and its last view
 * settles an unknown outcome. Many more than the engine's own memory of ended orders (1,024),
 * so that the copies the engine could not tell from news stop here first. Forgotten oldest
 * first. Kept forever, every order with its last venue view (about 3 KB) stayed for as long as
 * the engine ran: `smart-orders run` on the venue grew from 64 to 83 MB of live heap over 5,700
 * orders, and stayed at 64 MB with ended orders forgotten (docs/exchanges.md).
 */
export const ENDED_ORDERS_KEPT = 10_000;

const ENDED: Record<string, ExchangeReport['execType']> = {
  canceled: 'CANCELED',
  cancelled: 'CANCELED',
  expired: 'EXPIRED',
  rejected: 'REJECTED',
};

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

// A fill's price from the change in cumulative cost, cut to 12 significant digits so the
// division leaves no binary noise in the event log.
const priceOfDelta = (costDelta: number, quantity: number): number =>
  Number((costDelta / quantity).toPrecision(12));

export interface OrderTracker {
  track(input: TrackInput): TrackedOrder;
  get(clientOrderId: string): TrackedOrder | undefined;
  /** Ties a venue's order id to a client order id, for answers that carry only the former. */
  bind(clientOrderId: string, exchangeOrderId: string): void;
  /** The orders not ended, of `symbol` when given. */
  working(symbol?: string): TrackedOrder[];
  /** Every symbol an order was tracked on, forgotten orders' too: where the engine's orders may rest. */
  symbols(): string[];
  /**
   * Folds one view of an order (from the stream, a create, a lookup) into what is known and
   * returns the execution reports for what changed: NEW once, a TRADE per increase of the
   * cumulative quantity, and the end (CANCELED, EXPIRED, REJECTED) once.
   */
  observe(order: Order, now: number): ExchangeReport[];
}

export const createOrderTracker = (
  exchangeId: CcxtExchangeId,
  contractSizeOf: (symbol: string) => number,
  quoteOf: (symbol: string) => string = (symbol) =>
    symbol.split(':')[1] ?? symbol.split('/')[1] ?? '',
): OrderTracker => {
  const byId = new Map<string, TrackedOrder>();
  const byExchangeId = new Map<string, TrackedOrder>();
  // Orders not ended, by client order id: what a look for working orders walks.
  const open = new Map<string, TrackedOrder>();
  // Ended orders by client order id, oldest first, and the venue ids each order was known by.
  const ended = new Map<string, TrackedOrder>();
  const venueIds = new Map<TrackedOrder, string[]>();
  const symbols = new Set<string>();

  const bindVenueId = (t: TrackedOrder, venueId: string): void => {
    if (byExchangeId.get(venueId) === t) return;
    byExchangeId.set(venueId, t);
    const ids = venueIds.get(t);
    if (ids === undefined) venueIds.set(t, [venueId]);
    else ids.push(venueId);
  };

  const retire = (t: TrackedOrder): void => {
    t.ended = true;
    open.delete(t.clientOrderId);
    ended.set(t.clientOrderId, t);
    if (ended.size <= ENDED_ORDERS_KEPT) return;
    const [cid, oldest] = ended.entries().next().value as [string, TrackedOrder];
    ended.delete(cid);
    if (byId.get(cid) === oldest) byId.delete(cid);
    for (const id of venueIds.get(oldest) ?? [])
      if (byExchangeId.get(id) === oldest) byExchangeId.delete(id);
    venueIds.delete(oldest);
  };

  const track = (input: TrackInput): TrackedOrder => {
    const known = byId.get(input.clientOrderId);
    if (known !== undefined) {
      known.sentAt = input.sentAt;
      return known;
    }
    const created: TrackedOrder = {
      ...input,
      exchangeOrderId: undefined,
      filled: 0,
      cost: undefined,
      newReported: false,
      ended: false,
      lastSeen: undefined,
      fees: new Map(),
    };
    byId.set(input.clientOrderId, created);
    open.set(input.clientOrderId, created);
    symbols.add(input.symbol);
    return created;
  };

  const find = (order: Order): TrackedOrder | undefined => {
    const wire = wireClientOrderIdOf(exchangeId, order);
    const cid = wire === undefined ? undefined : clientOrderIdFromWire(exchangeId, wire);
    const known =
      (cid === undefined ? undefined : byId.get(cid)) ??
      (order.id === undefined ? undefined : byExchangeId.get(order.id));
    if (known !== undefined) return known;
    if (
      cid === undefined ||
      wire === undefined ||
      !ENGINE_ID.test(cid) ||
      order.symbol === undefined
    ) {
      return undefined;
    }
    return track({
      clientOrderId: cid,
      wire,
      symbol: order.symbol,
      contractSize: contractSizeOf(order.symbol),
      sentAt: order.timestamp ?? 0,
    });
  };

  const observe = (venueOrder: Order, now: number): ExchangeReport[] => {
    const order = asPlainOrder(exchangeId, venueOrder);
    const t = find(order);
    if (t === undefined) return [];
    t.lastSeen = order;
    if (order.id !== undefined) {
      t.exchangeOrderId = order.id;
      bindVenueId(t, order.id);
    }
    // The order a triggered stop placed may report under its own id only.
    const child = childOrderIdOf(exchangeId, order);
    if (child !== undefined) bindVenueId(t, child);
    const status = String(order.status ?? 'open').toLowerCase();
    const ts = order.lastUpdateTimestamp ?? order.lastTradeTimestamp ?? order.timestamp ?? now;
    const base = {
      clientOrderId: t.clientOrderId,
      symbol: t.symbol,
      ts,
      ...(t.exchangeOrderId === undefined ? {} : { exchangeOrderId: t.exchangeOrderId }),
    };
    const units =
      filledUnitsOf(exchangeId, order) ?? (status === 'closed' ? num(order.amount) : undefined);
    const filled = units === undefined ? t.filled : toBase(units, t.contractSize);
    const cost = num(order.cost);
    const reports: ExchangeReport[] = [];
    if (filled > t.filled) {
      const lastQuantity = sub(filled, t.filled);
      const feeView = feeViewOf(exchangeId, order, quoteOf, lastQuantity);
      const fromCost =
        cost !== undefined && cost > 0 && (t.filled === 0 || t.cost !== undefined)
          ? priceOfDelta(cost - (t.cost ?? 0), lastQuantity)
          : undefined;
      const lastPrice = [fromCost, num(order.average), num(order.price)].find(
        (p) => p !== undefined && p > 0,
      );
      const charged = feeView === null ? undefined : feeDelta(feeView, t.fees);
      if (charged !== undefined) t.fees = charged.known;
      reports.push({
        ...base,
        execType: 'TRADE',
        ...(lastPrice === undefined ? {} : { lastPrice }),
        lastQuantity,
        cumulativeQuantity: filled,
        ...(charged?.fee === undefined ? {} : { fee: charged.fee }),
      });
      t.filled = filled;
      t.newReported = true;
    } else if (!t.newReported && !t.ended && status === 'open' && filled === 0) {
      reports.push({ ...base, execType: 'NEW' });
      t.newReported = true;
    }
    if (cost !== undefined && filled >= t.filled) t.cost = cost;
    const end = ENDED[status];
    if (!t.ended && (end !== undefined || status === 'closed')) {
      retire(t);
      if (end !== undefined) reports.push({ ...base, execType: end, cumulativeQuantity: t.filled });
    }
    return reports;
  };

  return {
    track,
    get: (cid) => byId.get(cid),
    bind: (cid, exchangeOrderId) => {
      const t = byId.get(cid);
      if (t === undefined) return;
      t.exchangeOrderId = exchangeOrderId;
      bindVenueId(t, exchangeOrderId);
    },
    working: (symbol) =>
      [...open.values()].filter((t) => symbol === undefined || t.symbol === symbol),
    symbols: () => [...symbols],
    observe,
  };
};
