import type { Exchange as CcxtInstance, MarketInterface } from 'ccxt';
import type { CcxtExchangeId } from './exchangeIds';
import type { LookupLane } from './lookupLane';
import type { PositionMode } from './futuresSettings';
import type { OrderTracker } from './orderTracker';

/** Timings of the unknown-outcome resolution and of retried reads. */
export interface Timing {
  /** After this long from signing, a create can no longer be executed (`VenueProfile`). */
  readonly createDeadlineMs: number;
  /**
   * Whether a lookup that finds nothing after `createDeadlineMs` proves a lost create absent
   * (`VenueProfile.absence`); without a proof a lost create is never sent again.
   */
  readonly absenceProvable: boolean;
  /** Clock skew and in-flight processing allowed on top of the deadline. */
  readonly settleMarginMs: number;
  /** Pauses between lookups and between retried reads. */
  readonly backoffMs: readonly number[];
  /** After the deadline, how long lookups that keep failing are tried before giving up. */
  readonly giveUpAfterMs: number;
  /** Sends of one client order id after the first, each only once the id is proven absent. */
  readonly maxResubmits: number;
  /** A rate-limited create placed nothing: sent again after this pause (`VenueProfile`); null: settled as unknown. */
  readonly rateLimitPauseMs: number | null;
  /** How far back a scan looks for an id this process did not send. */
  readonly lookupHorizonMs: number;
}

export interface AdapterContext {
  readonly exchange: CcxtInstance;
  readonly exchangeId: CcxtExchangeId;
  readonly secrets: readonly string[];
  readonly tracker: OrderTracker;
  readonly timing: Timing;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** When this adapter started: an order signed by a previous process is older. */
  readonly startedAt: number;
  readonly marketBuySlippage: number;
  /** Each derivatives symbol's position mode, as read at start (`futuresSettings.ts`); absent: one-way. */
  readonly positionModes: Map<string, PositionMode>;
  /** Every lookup by client order id: never two at once, one per id (`lookupLane.ts`). */
  readonly lookups: LookupLane;
}

export const marketOf = (ctx: AdapterContext, symbol: string): MarketInterface | undefined =>
  ctx.exchange.markets?.[symbol];
