import { isAlgoOpen, isFuturesOpen } from '../usdm/futuresOrder';
import type { VenueMarket } from '../venueMarket';
import { paramError, type BybitError } from './bybitError';
import { text, type BybitParams } from './bybitOrder';
import { conditionalId } from './linearMessages';
import { ORDER_NOT_FOUND, SYMBOL_INVALID, type LinearContext } from './linearContext';
import type { View } from './linearBook';

// An order as the client sees it (a plain order, or a conditional one showing the order it
// placed when it triggered), and the orders a request names.
export const viewJson = (ctx: LinearContext, v: View) =>
  v.kind === 'order' ? ctx.book.orderJson(v.order) : ctx.book.algoJson(v.algo);

export const viewOpen = (v: View): boolean =>
  v.kind === 'order' ? isFuturesOpen(v.order) : isAlgoOpen(v.algo);

export const viewSymbol = (v: View): string =>
  v.kind === 'order' ? v.order.symbol : v.algo.symbol;
export const viewLinkId = (v: View): string =>
  v.kind === 'order' ? v.order.clientOrderId : v.algo.clientAlgoId;
export const viewId = (v: View): string =>
  v.kind === 'order' ? String(v.order.orderId) : conditionalId(v.algo);

export const marketOf = (ctx: LinearContext, params: BybitParams): VenueMarket | BybitError => {
  const symbol = text(params, 'symbol');
  if (symbol === undefined) return paramError('params error: symbol is required');
  return ctx.engine.market(symbol) ?? SYMBOL_INVALID;
};

/** The orders a query names: by id or link id (any status), else every one of the symbol(s). */
export const selectViews = (
  ctx: LinearContext,
  params: BybitParams,
): readonly View[] | BybitError => {
  const symbol = text(params, 'symbol');
  if (symbol !== undefined && ctx.engine.market(symbol) === undefined) return SYMBOL_INVALID;
  const settle = text(params, 'settleCoin');
  const orderId = text(params, 'orderId');
  const linkId = text(params, 'orderLinkId');
  const filter = text(params, 'orderFilter');
  return ctx.book.views().filter(
    (v) =>
      (symbol === undefined || viewSymbol(v) === symbol) &&
      (settle === undefined || ctx.engine.market(viewSymbol(v))?.settle === settle) &&
      (orderId === undefined || viewId(v) === orderId) &&
      (linkId === undefined || viewLinkId(v) === linkId) &&
      // Linear lists every kind by default; StopOrder the conditional ones, Order the others.
      (filter === undefined ||
        (filter === 'StopOrder' ? v.kind === 'algo' : filter === 'Order' && v.kind === 'order')),
  );
};

export const refOf = (
  params: BybitParams,
): { orderId: string } | { orderLinkId: string } | BybitError => {
  const orderId = text(params, 'orderId');
  const orderLinkId = text(params, 'orderLinkId');
  if (orderId !== undefined) return { orderId };
  if (orderLinkId !== undefined) return { orderLinkId };
  return paramError('params error: orderId or orderLinkId is required');
};

/** The open order a cancel or amend names, if any. */
export const openView = (
  ctx: LinearContext,
  m: VenueMarket,
  params: BybitParams,
): View | BybitError => {
  const ref = refOf(params);
  if ('retCode' in ref) return ref;
  const found = ctx.book
    .views()
    .find(
      (v) =>
        viewSymbol(v) === m.id &&
        viewOpen(v) &&
        ('orderId' in ref ? viewId(v) === ref.orderId : viewLinkId(v) === ref.orderLinkId),
    );
  return found ?? ORDER_NOT_FOUND;
};
