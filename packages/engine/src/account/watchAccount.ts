import { right, type Either } from 'fp-ts/Either';
import { Subscription } from 'rxjs';
import {
  AccountEventCodec,
  flattenCovers,
  leaseStreamName,
  foldAccount,
  heartbeatStale,
  initialAccountState,
  owedExitCancels,
  workingSymbols,
  type AccountCommand,
  type AccountState,
  type RiskConfig,
} from '@smart-orders/core';
import type { AccountEffect } from '../effects';
import type { EventStore, StoredEvent } from '../ports/eventStore';
import { accountStream } from '../ports/eventStore';
import type { Exchange, ExchangeError, ExchangeReport } from '../ports/exchange';
import { reportsFromOrder } from '../reportsFromOrder';
import { createAccountWork, type AccountWork } from './accountWork';
import { createHoldingsReader } from './readHoldings';
import { createLogger, type Logger, type Warn } from '../observability/logger';

export interface WatchdogOptions {
  readonly store: EventStore;
  /** The watchdog's own connection: never the engine's. */
  readonly exchange: Exchange;
  readonly accountId: string;
  readonly maxSilenceMs: number;
  /**
   * The partition whose lease the account's engines hold (`run --partition`). A standby taking
   * the lease over is a sign of life like a heartbeat: the silence is counted from the later of
   * the two, so the new owner's start (rebuild, reconciliation) is not taken for a death.
   */
  readonly partition?: string;
  /** Only the flatten's settings matter here (`flattenTimeoutMs`, `limitPriceBandBps`). */
  readonly risk?: RiskConfig;
  readonly pollMs?: number;
  readonly tickSize?: (symbol: string) => number;
  readonly now?: () => number;
  readonly onEvents?: (events: readonly StoredEvent[]) => void;
  /** Where warnings go, with the account and the client order id (default: stderr, JSON). */
  readonly logger?: Logger;
  /** The account as each look found it (the CLI's metrics read it). */
  readonly onState?: (state: AccountState) => void;
}

export interface Watchdog {
  /** One look: acts only when the heartbeats are stale or a flatten is left unconfirmed. */
  check(): Promise<'FRESH' | 'NO_HEARTBEAT_YET' | 'FLATTENING' | 'FLAT'>;
  /**
   * Reads the account through the watchdog's own connection while all is well, not in the
   * minute that matters: a Left (credentials refused, venue unreachable) means the watchdog
   * would be blind when it must act.
   */
  prepare(): Promise<Either<ExchangeError, void>>;
  /** Looks again and again until stopped. */
  run(): Promise<void>;
  stop(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The dead man's switch (SEMANTICS §7): folds the account stream, and when the engine's last
 * heartbeat is older than `maxSilenceMs` trips the kill switch (HEARTBEAT_LOST) and runs the
 * same flatten as the engine through its own connection: every working order cancelled, the
 * exchange polled, exits sent (a refused market exit retried as a marketable limit) until
 * the exchange reports flat. An account that never had a heartbeat is not watched yet: a
 * watchdog started before its engine must not halt it.
 */
export const watchAccount = (options: WatchdogOptions): Watchdog => {
  const { store, exchange, accountId } = options;
  const stream = accountStream(accountId);
  const readHoldings = createHoldingsReader(exchange);
  // The market's last prices, watched once a flatten needs them: a refused market exit is
  // retried as a limit priced from them, and re-priced when the market leaves it behind.
  const lastPrices = new Map<string, number>();
  const watched = new Set<string>();
  const prices = new Subscription();
  const watchPrices = (symbols: readonly string[]): void => {
    const fresh = symbols.filter((s) => !watched.has(s));
    if (fresh.length === 0) return;
    fresh.forEach((s) => watched.add(s));
    prices.add(
      exchange.ticks$(fresh).subscribe({
        next: (tick) => {
          const price = tick.price ?? tick.bid ?? tick.ask;
          if (price !== undefined) lastPrices.set(tick.symbol, price);
        },
        error: (e: unknown) => warn(`prices: ${e instanceof Error ? e.message : String(e)}`),
      }),
    );
  };
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger();
  const warn: Warn = (message, fields = {}) =>
    logger.warn({ account: accountId, venue: exchange.id, ...fields }, message);
  const initial = initialAccountState(accountId, options.risk ?? {});
  if (initial._tag === 'Left') throw new Error(initial.left.message);

  const load = async (): Promise<AccountState> => {
    const stored = await store.readStream(stream);
    return foldAccount(
      initial.right,
      stored.flatMap((e) => {
        const decoded = AccountEventCodec.decode({ type: e.type, ts: e.ts, data: e.data });
        return decoded._tag === 'Right' ? [decoded.right] : [];
      }),
    );
  };

  const symbolsOf = (state: AccountState): string[] => [
    ...new Set([
      ...Object.keys(state.positions),
      ...workingSymbols(state.workingOrders),
      ...Object.keys(state.flatten?.exits ?? {}),
    ]),
  ];

  /** Decides on the stored state, appends what it decided, then sends what it asks for. */
  const step = async (
    state: AccountState,
    decide: (work: AccountWork) => void,
  ): Promise<AccountState | null> => {
    const effects: AccountEffect[] = [];
    const work = createAccountWork(state, {
      tickSize: options.tickSize ?? (() => 0.01),
      lastPrice: (symbol) => lastPrices.get(symbol),
      send: (effect) => effects.push(effect),
      warn,
    });
    decide(work);
    if (work.events.length > 0) {
      const appended = await store.appendBatch([
        {
          stream,
          expectedVersion: state.version === 0 ? 'no_stream' : state.version,
          events: work.events.map((e) => ({ type: e.type, ts: e.ts, data: e.data })),
        },
      ]);
      if (appended._tag === 'Left') {
        warn(`${appended.left.message}: the engine may be alive; looking again`);
        return null;
      }
      options.onEvents?.(appended.right.events);
    }
    const reports: ExchangeReport[] = [];
    for (const effect of effects) reports.push(...(await execute(effect)));
    if (reports.length === 0) return work.state;
    return step(work.state, (w) => {
      for (const r of reports) w.observer.ownReport(r);
    });
  };

  const execute = async (effect: AccountEffect): Promise<ExchangeReport[]> => {
    if (effect.kind === 'cancel') {
      const cancelled = await exchange.cancel(effect.clientOrderId, effect.symbol);
      return cancelled._tag === 'Right' ? reportsFromOrder(cancelled.right, now()) : [];
    }
    const { request } = effect;
    const placed = await exchange.place(request);
    if (placed._tag === 'Right') return reportsFromOrder(placed.right, now());
    if (placed.left.code === 'REJECTED')
      return [
        {
          clientOrderId: request.clientOrderId,
          symbol: request.symbol,
          ts: now(),
          execType: 'REJECTED',
          reason: placed.left.message,
          // Insufficient balance is not retried: the next reading says what is left.
          ...(placed.left.refusal === undefined ? {} : { refusal: placed.left.refusal }),
        },
      ];
    warn(
      `${request.clientOrderId}: outcome unknown (${placed.left.message}); the next poll sees it`,
      {
        clientOrderId: request.clientOrderId,
        symbol: request.symbol,
        errorClass: placed.left.code,
        venueAnswer: placed.left.message,
      },
    );
    return [];
  };

  /**
   * Outcomes of exits still working: a fill or a refusal the exchange did not push to us. An
   * exit whose cancel is owed (`owedExitCancels`: asked by a process that died before the
   * answer) is cancelled again while it rests, and gone once the exchange does not know it.
   */
  const lookUpExits = async (state: AccountState): Promise<ExchangeReport[]> => {
    const reports: ExchangeReport[] = [];
    const owed = new Set(owedExitCancels(state).map((exit) => exit.clientOrderId));
    for (const exit of Object.values(state.flatten?.exits ?? {})) {
      if (!exit.working) continue;
      const { clientOrderId, symbol } = exit;
      const found = await exchange.lookup(clientOrderId, symbol);
      if (found._tag === 'Left') continue;
      if (found.right === null) {
        if (owed.has(clientOrderId))
          reports.push({ clientOrderId, symbol, ts: now(), execType: 'CANCELED' });
        continue;
      }
      if (found.right.status !== 'OPEN') {
        reports.push(...reportsFromOrder(found.right, now()));
        continue;
      }
      if (!owed.has(clientOrderId)) continue;
      const cancelled = await exchange.cancel(clientOrderId, symbol);
      if (cancelled._tag === 'Right') reports.push(...reportsFromOrder(cancelled.right, now()));
      else
        warn(`cancel of ${clientOrderId} failed (${cancelled.left.message})`, {
          clientOrderId,
          symbol,
          errorClass: cancelled.left.code,
          venueAnswer: cancelled.left.message,
        });
    }
    return reports;
  };

  const flattenOnce = async (state: AccountState): Promise<'FLATTENING' | 'FLAT'> => {
    watchPrices(symbolsOf(state));
    const at = now();
    let current: AccountState | null = await step(state, (w) => {
      for (const [symbol, price] of lastPrices)
        w.decide({ type: 'AccountTick', ts: at, symbol, price });
    });
    if (current === null) return 'FLATTENING';
    // Exits sized on this reading count only what had been recorded when it began.
    const readFrom = current.version;
    const holdings = await readHoldings(symbolsOf(current));
    // The exits are looked up after the reading: a fill the reading shows is in their answers
    // too, so a flat reading is decided with the fills that made it flat already recorded at
    // their prices. Looked up before it, an exit that filled in between was confirmed flat with
    // its fills never recorded (the watchdog follows no order stream).
    const settled = await lookUpExits(current);
    if (settled.length > 0)
      current = await step(current, (w) => settled.forEach((r) => w.observer.ownReport(r)));
    if (current === null) return 'FLATTENING';
    const exits = new Set(Object.values(current.flatten?.exits ?? {}).map((x) => x.clientOrderId));
    if (holdings._tag === 'Left') {
      warn(`the exchange could not be read (${holdings.left.message}); polling again`);
      return 'FLATTENING';
    }
    for (const o of holdings.right.workingOrders) {
      if (exits.has(o.clientOrderId) || !flattenCovers(current.flatten, o.symbol)) continue;
      const cancelled = await exchange.cancel(o.clientOrderId, o.symbol);
      if (cancelled._tag === 'Left')
        warn(`cancel of ${o.clientOrderId} failed (${cancelled.left.message})`, {
          clientOrderId: o.clientOrderId,
          symbol: o.symbol,
          errorClass: cancelled.left.code,
          venueAnswer: cancelled.left.message,
        });
    }
    const after = await step(current, (w) => w.poll(now(), { ...holdings.right, readFrom }));
    return after !== null && after.flatten === null ? 'FLAT' : 'FLATTENING';
  };

  /** When the partition's lease was last taken (0: never, or no partition named). */
  const lastTakeover = async (): Promise<number> => {
    if (options.partition === undefined) return 0;
    const lease = await store.readStream(leaseStreamName(options.partition));
    return lease.filter((e) => e.type === 'EngineLeaseTaken').at(-1)?.ts ?? 0;
  };

  const check: Watchdog['check'] = async () => {
    const state = await load();
    options.onState?.(state);
    // A symbol's own flatten (stale data) is the engine's to drive while it heartbeats; the
    // watchdog takes over the whole account if the heartbeats stop.
    if (state.flatten !== null && state.flatten.symbol === null) return flattenOnce(state);
    if (state.lastHeartbeatTs === null) return 'NO_HEARTBEAT_YET';
    if (state.killSwitch !== null) return 'FLAT';
    const at = now();
    const lastSign = Math.max(state.lastHeartbeatTs, await lastTakeover());
    if (!heartbeatStale(lastSign, at, options.maxSilenceMs)) return 'FRESH';
    const trip: AccountCommand = {
      type: 'TripKillSwitch',
      ts: at,
      reason: 'HEARTBEAT_LOST',
      detail: `no heartbeat for ${at - state.lastHeartbeatTs} ms (max silence ${options.maxSilenceMs} ms)`,
    };
    const tripped = await step(state, (w) => {
      const decided = w.decide(trip);
      if (decided._tag === 'Left') warn(decided.left.message);
    });
    return tripped === null ? 'FRESH' : flattenOnce(tripped);
  };

  let stopped = false;
  return {
    check,
    async prepare() {
      const read = await readHoldings([]);
      return read._tag === 'Left' ? read : right(undefined);
    },
    async run() {
      while (!stopped) {
        try {
          await check();
        } catch (error) {
          warn(error instanceof Error ? error.message : String(error));
        }
        await sleep(options.pollMs ?? 250);
      }
    },
    stop() {
      stopped = true;
      prices.unsubscribe();
    },
  };
};
