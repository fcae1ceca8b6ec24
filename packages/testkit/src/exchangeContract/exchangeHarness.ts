import { clientOrderId, PURPOSE } from '@smart-orders/core';
import type { Exchange, ExchangeReport } from '@smart-orders/engine';

/**
 * An exchange under test, with what the contract needs to drive it: a symbol it trades, prices
 * relative to its market, and a way to move its market on.
 */
export interface ExchangeUnderTest {
  readonly exchange: Exchange;
  readonly symbol: string;
  /** A size the venue accepts on `symbol` (above its minimum, on its step). */
  readonly quantity: number;
  /** A buy limit price the coming ticks never reach: the order rests. */
  readonly restingBuyPrice: number;
  /** A buy limit price the next tick reaches: the order fills when the market moves on. */
  readonly reachedBuyPrice: number;
  /** The last trade price, for a market order's trigger price. */
  readonly lastPrice: number;
  /**
   * False for a venue that offers no proof that an order it does not show was never placed
   * (its history may lag, and nothing bounds when a lost create executes): its lookup of an
   * unknown id must answer an error, never "absent", which would let the engine send the id
   * again. Default true.
   */
  readonly absenceProvable?: boolean;
  /**
   * Moves the market on by one tick and resolves once the venue has traded it, with the
   * reports it gave for that tick (a venue in tick time answers them; a venue with a market of
   * its own pushes them on `reports$`, and the harness collects them).
   */
  advance(): Promise<readonly ExchangeReport[]>;
  close(): Promise<void>;
}

export type ExchangeHarness = () => Promise<ExchangeUnderTest>;

/** Client order ids as the engine makes them, for an order id unique to this run. */
export const contractClientOrderId = (purpose: 'entry' | 'flatten', n: number): string =>
  clientOrderId(`contract-${process.pid}-${Date.now()}-${n}`, PURPOSE[purpose], 0, 1);
