import type { Tick } from '@smart-orders/core';
import type { UnitOutcome } from '../runUnit';
import type { EngineMetrics, MetricsSource } from './engineMetrics';
import { logEvents } from './eventLog';
import type { Logger } from './logger';

/** The engine's hooks for the operator: what its path tells the metrics as it runs. */
export interface EngineObservers {
  /** A tick handed to the engine: counted per symbol, its arrival kept for stale-data alerts. */
  tickSeen(tick: Tick): void;
  /** A unit decided (committed or quiet), with the requests it made. */
  decided(outcome: UnitOutcome): void;
}

const UNCOUNTED: EngineObservers = { tickSeen: () => undefined, decided: () => undefined };

/**
 * The operator's view of one engine: every committed event logged at the level it deserves
 * (`eventLog.ts`), and, when the embedder keeps metrics, the gauges reading the engine's open
 * orders and account at each scrape. Without metrics the hooks count nothing.
 */
export const observeEngine = (
  source: MetricsSource,
  logger: Logger,
  metrics: EngineMetrics | undefined,
): EngineObservers => {
  logEvents(source.events$, logger);
  if (metrics === undefined) return UNCOUNTED;
  metrics.attach(source);
  return {
    tickSeen: (tick) => metrics.tickSeen(tick),
    decided(outcome) {
      metrics.decided();
      metrics.intended(outcome.effects);
      metrics.intended(outcome.accountEffects);
    },
  };
};
