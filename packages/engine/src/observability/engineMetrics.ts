import type { Observable } from 'rxjs';
import type { Registry } from 'prom-client';
import type { AccountState, OrderView, Tick } from '@smart-orders/core';
import type { Effect } from '../effects';
import type { StoredEvent } from '../ports/eventStore';

/** How a request to the exchange ended: answered, or its outcome unknown, or it threw. */
export type SendOutcome = 'answered' | 'unknown' | 'failed';

/** What the engine reads for the gauges at each scrape. */
export interface MetricsSource {
  readonly events$: Observable<StoredEvent>;
  openOrders(): OrderView[];
  account(): AccountState | undefined;
}

/**
 * The engine's Prometheus metrics (docs/operations.md lists each family). An embedder passes
 * `createEngineMetrics()` to `createEngine({ metrics })` and serves `registry.metrics()` where
 * its scraper reads; one metrics object follows one engine.
 */
export interface EngineMetrics {
  readonly registry: Registry;
  /** @internal the engine's own hooks */
  tickSeen(tick: Tick): void;
  decided(): void;
  intended(effects: readonly Effect[]): void;
  sent(kind: Effect['kind'], outcome: SendOutcome, seconds: number): void;
  attach(source: MetricsSource): void;
  /** When the last tick of each symbol reached the engine, wall-clock epoch ms (stale-data alerts). */
  lastTicks(): ReadonlyMap<string, number>;
}

const TERMINAL = new Set(['SmartOrderClosed', 'SmartOrderStopped', 'SmartOrderCancelled']);
const quoteOf = (symbol: string): string => symbol.split('/')[1]?.split(':')[0] ?? symbol;

/** Metrics registered in `registry` (a new one by default), named `smart_orders_*`. */
export const createEngineMetrics = (registry?: Registry): EngineMetrics => {
  // Loaded when metrics are asked for, not with the engine: prom-client took 0.8 s to load on
  // a loaded machine, and every command that only reads the store (status, audit,
  // kill-switch) loads the engine.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const promClient: typeof import('prom-client') = require('prom-client');
  const { Counter, Gauge, Histogram, Registry } = promClient;
  registry ??= new Registry();
  const lastTickAt = new Map<string, number>();
  let source: MetricsSource | undefined;
  const symbolOf = new Map<string, string>();
  const registers = [registry];

  const ticks = new Counter({
    name: 'smart_orders_ticks_total',
    help: 'Ticks handed to the engine, per symbol',
    labelNames: ['symbol'],
    registers,
  });
  new Gauge({
    name: 'smart_orders_last_tick_age_seconds',
    help: 'Seconds since the last tick of each symbol reached the engine (wall clock)',
    labelNames: ['symbol'],
    registers,
    collect() {
      const now = Date.now();
      for (const [symbol, at] of lastTickAt) this.set({ symbol }, (now - at) / 1000);
    },
  });
  const decisions = new Counter({
    name: 'smart_orders_decisions_total',
    help: 'Units of work decided and committed (a tick, commands, the venue answers)',
    registers,
  });
  const intents = new Counter({
    name: 'smart_orders_intents_total',
    help: 'Requests to the exchange committed as intents, by kind (place, cancel, amend)',
    labelNames: ['kind'],
    registers,
  });
  const sends = new Counter({
    name: 'smart_orders_sends_total',
    help: 'Requests sent to the exchange, by kind and outcome (answered, unknown, failed)',
    labelNames: ['kind', 'outcome'],
    registers,
  });
  const unknown = new Counter({
    name: 'smart_orders_unknown_outcomes_total',
    help: 'Placements whose outcome the exchange left unknown (recovery looks them up)',
    registers,
  });
  const latency = new Histogram({
    name: 'smart_orders_send_latency_seconds',
    help: 'From the intent committed to the exchange answered, by kind',
    labelNames: ['kind'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const events = new Counter({
    name: 'smart_orders_events_total',
    help: 'Events committed, by type',
    labelNames: ['type'],
    registers,
  });
  const reconciliations = new Counter({
    name: 'smart_orders_reconciliations_total',
    help: 'Reconciliations ended, by account and outcome (completed, diverged)',
    labelNames: ['account', 'outcome'],
    registers,
  });
  const trips = new Counter({
    name: 'smart_orders_kill_switch_trips_total',
    help: 'Kill-switch trips, by account and reason',
    labelNames: ['account', 'reason'],
    registers,
  });
  const realised = new Gauge({
    name: 'smart_orders_realised_pnl_net',
    help: 'Realised P&L net of fees of the orders ended and the flattens filled since start, per quote currency',
    labelNames: ['quote'],
    registers,
  });
  new Gauge({
    name: 'smart_orders_open_orders',
    help: 'Open smart orders, by status',
    labelNames: ['status'],
    registers,
    collect() {
      this.reset();
      for (const v of source?.openOrders() ?? []) this.inc({ status: v.status });
    },
  });
  const account = (): AccountState | undefined => source?.account();
  new Gauge({
    name: 'smart_orders_trading_state',
    help: 'The account trading state: 1 on the current one (ACTIVE, REDUCING, HALTED)',
    labelNames: ['account', 'state'],
    registers,
    collect() {
      const a = account();
      if (a === undefined) return;
      for (const state of ['ACTIVE', 'REDUCING', 'HALTED'])
        this.set({ account: a.accountId, state }, a.tradingState === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'smart_orders_reconciliation_state',
    help: 'The reconciliation gate: 1 on the current one (OPEN, RECONCILING, DIVERGED)',
    labelNames: ['account', 'state'],
    registers,
    collect() {
      const a = account();
      if (a === undefined) return;
      const now = a.gate === 'RECONCILING' ? 'RECONCILING' : a.diverged ? 'DIVERGED' : 'OPEN';
      for (const state of ['OPEN', 'RECONCILING', 'DIVERGED'])
        this.set({ account: a.accountId, state }, now === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'smart_orders_heartbeat_age_seconds',
    help: 'Seconds since the account last recorded a heartbeat (wall clock)',
    labelNames: ['account'],
    registers,
    collect() {
      const a = account();
      if (a?.lastHeartbeatTs == null) return;
      this.set({ account: a.accountId }, (Date.now() - a.lastHeartbeatTs) / 1000);
    },
  });

  const count = (e: StoredEvent): void => {
    events.inc({ type: e.type });
    const data = e.data as Record<string, unknown>;
    const accountId = e.stream.startsWith('account-') ? e.stream.slice(8) : '';
    if (e.type === 'SmartOrderCreated' && e.orderId !== null)
      symbolOf.set(e.orderId, String(data.symbol));
    if (TERMINAL.has(e.type) && e.orderId !== null) {
      const symbol = symbolOf.get(e.orderId);
      const pnl = data.realisedPnl as { net?: number } | undefined;
      if (symbol !== undefined && typeof pnl?.net === 'number')
        realised.inc({ quote: quoteOf(symbol) }, pnl.net);
      symbolOf.delete(e.orderId);
    }
    // The account's own exits (a flatten) belong to no smart order: their P&L counts here.
    if (e.type === 'FillRecorded' && data.orderId === accountId)
      realised.inc({ quote: quoteOf(String(data.symbol)) }, Number(data.realisedPnl));
    if (e.type === 'ReconciliationCompleted')
      reconciliations.inc({ account: accountId, outcome: 'completed' });
    if (e.type === 'ReconciliationDiverged')
      reconciliations.inc({ account: accountId, outcome: 'diverged' });
    if (e.type === 'KillSwitchTripped')
      trips.inc({ account: accountId, reason: String(data.reason) });
  };

  return {
    registry,
    tickSeen(tick) {
      ticks.inc({ symbol: tick.symbol });
      lastTickAt.set(tick.symbol, Date.now());
    },
    decided: () => decisions.inc(),
    intended(effects) {
      for (const e of effects) intents.inc({ kind: e.kind });
    },
    sent(kind, outcome, seconds) {
      sends.inc({ kind, outcome });
      if (outcome === 'unknown') unknown.inc();
      if (outcome === 'answered') latency.observe({ kind }, seconds);
    },
    lastTicks: () => lastTickAt,
    attach(s) {
      source = s;
      for (const v of s.openOrders()) symbolOf.set(v.orderId, v.symbol);
      s.events$.subscribe(count);
    },
  };
};
