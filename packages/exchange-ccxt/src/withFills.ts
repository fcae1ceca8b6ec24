import type { ExchangeOrder, ExchangeReport } from '@smart-orders/engine';

/**
 * The order an answer (a create, a lookup) shows, with the fills the tracker saw first in it:
 * the engine reports them one by one, so that each fill's fee reaches the core (SEMANTICS
 * §9.1) rather than the order's aggregate fill, which carries none.
 */
export const withFills = (order: ExchangeOrder, fills: readonly ExchangeReport[]): ExchangeOrder =>
  fills.length === 0 ? order : { ...order, fills };
