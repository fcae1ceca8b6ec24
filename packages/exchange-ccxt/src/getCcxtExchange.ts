import { Agent } from 'node:http';
import { left, right, type Either } from 'fp-ts/Either';
import { Subject, type Observable } from 'rxjs';
import { ccxt } from './ccxtModule';
import type { Exchange as CcxtInstance, MarketInterface } from 'ccxt';
import type { Exchange, ExchangeError, ExchangeOrder } from '@smart-orders/engine';
import { balances, openOrders, positions, pricedPositions } from './accountReads';
import { marketOf, type AdapterContext, type Timing } from './adapterContext';
import { amendStop } from './amendStop';
import { cancelOrder } from './cancelOrder';
import type { ConnectionEvent } from './connectionEvent';
import { CCXT_EXCHANGE_IDS, isCcxtExchangeId, type CcxtExchangeId } from './exchangeIds';
import {
  applyFuturesSettings,
  type FuturesSetting,
  type FuturesSettingsFailure,
  type FuturesSettingsFound,
} from './futuresSettings';
import { preflight, type PreflightFailure } from './preflight';
import { ensureMarkets } from './ensureMarkets';
import { closeSockets } from './closeSockets';
import { createLookupLane } from './lookupLane';
import { lookupWithProof } from './lookupWithProof';
import { marketRules } from './marketRules';
import { paceSendsFirst } from './sendsFirst';
import { nativeStopSupportOf } from './nativeStopSupport';
import { createOrderTracker } from './orderTracker';
import { trackDelayedCalls } from './delayedCalls';
import { contractSizeOf } from './orderArgs';
import { placeOrder } from './placeOrder';
import { pointUrlsAt } from './pointAtUrl';
import { secretsOf } from './redactSecrets';
import { createReportStream } from './reportStream';
import { installRequestDeadline } from './requestDeadline';
import { createSpotExitLocks } from './spotExitLocks';
import { tickStream, type TickSource } from './tickStream';
import { VENUE_PROFILES } from './venueProfile';

export interface CcxtCredentials {
  readonly apiKey: string;
  readonly secret: string;
  /** The passphrase of okx, bitget and kucoin keys. */
  readonly password?: string;
  readonly uid?: string;
}

export interface CcxtExchangeOptions {
  readonly exchangeId: string;
  readonly credentials?: CcxtCredentials;
  /** Base URL of a local venue that speaks this exchange's API: REST and WebSocket go there. */
  readonly url?: string;
  /** The exchange's testnet or demo environment; an error where it has none. */
  readonly sandbox?: boolean;
  /** Passed to the ccxt constructor (e.g. `fetchImplementation`, `options`, `timeout`). */
  readonly ccxtOptions?: Readonly<Record<string, unknown>>;
  /**
   * Applied to the ccxt instance right after construction, e.g. the local venue's
   * `pointCcxtAtVenue`; the adapter's own settings (no ccxt retries, no verbose logs) win.
   */
  readonly configure?: (exchange: CcxtInstance) => void;
  /** Markets to use instead of loading them from the venue. */
  readonly markets?: readonly MarketInterface[];
  readonly timing?: Partial<Timing>;
  /** How far above the reference price a marketable limit buy may fill; default 1 %. */
  readonly marketBuySlippage?: number;
  readonly tickSource?: TickSource;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface CcxtExchange extends Exchange {
  readonly id: CcxtExchangeId;
  /** `since`: earliest time the order can have been placed, where scans of closed orders start. */
  lookup(
    clientOrderId: string,
    symbol: string,
    since?: number,
  ): Promise<Either<ExchangeError, ExchangeOrder | null>>;
  /** Stream failures and the reconciliation after each (re)subscription. */
  readonly connection$: Observable<ConnectionEvent>;
  /**
   * Before a live start: the venue answers within `deadlineMs`, lists every symbol, and
   * accepts the credentials.
   */
  preflight(
    symbols: readonly string[],
    deadlineMs: number,
  ): Promise<Either<PreflightFailure, void>>;
  /**
   * At start, per derivatives symbol: reads its position mode, leverage and margin mode and
   * checks (or, with `set`, changes) what the plan names (`futuresSettings.ts`). Until it is
   * called for a symbol, the symbol is traded as one-way.
   */
  futures(
    settings: Readonly<Record<string, FuturesSetting>>,
  ): Promise<Either<FuturesSettingsFailure, readonly FuturesSettingsFound[]>>;
}

export interface CcxtConfigError {
  readonly code: 'UNSUPPORTED_EXCHANGE' | 'NO_SANDBOX' | 'INVALID_URL';
  readonly message: string;
}

const defaultTiming = (exchangeId: CcxtExchangeId): Timing => ({
  createDeadlineMs: VENUE_PROFILES[exchangeId].createDeadlineMs,
  absenceProvable: VENUE_PROFILES[exchangeId].absence === 'executionDeadline',
  settleMarginMs: 2_000,
  backoffMs: [250, 500, 1_000, 2_000, 4_000],
  giveUpAfterMs: 30_000,
  maxResubmits: 2,
  rateLimitPauseMs: VENUE_PROFILES[exchangeId].rateLimitPauseMs ?? null,
  lookupHorizonMs: 7 * 24 * 3_600_000,
});

const construct = (exchangeId: CcxtExchangeId, options: CcxtExchangeOptions): CcxtInstance => {
  const Class = (ccxt.pro as unknown as Record<string, new (config: object) => CcxtInstance>)[
    exchangeId
  ];
  if (Class === undefined) throw new Error(`ccxt.pro has no ${exchangeId}`);
  const exchange = new Class({
    enableRateLimit: true,
    ...options.ccxtOptions,
    ...options.credentials,
  });
  options.configure?.(exchange);
  paceSendsFirst(exchange, VENUE_PROFILES[exchangeId].restLimit);
  // Verbose ccxt logs request headers, keys included.
  exchange.verbose = false;
  // An order request is never repeated blindly: only the unknown-outcome resolution resends.
  // ccxt reads the setting (or its `default…` twin) at the top of `options` and under each
  // endpoint's key.
  const retries = ['maxRetriesOnFailure', 'defaultMaxRetriesOnFailure'];
  for (const scope of [exchange.options, ...Object.values(exchange.options)]) {
    if (scope === null || typeof scope !== 'object') continue;
    for (const key of retries) if (key in scope) (scope as Record<string, unknown>)[key] = 0;
  }
  exchange.options['maxRetriesOnFailure'] = 0;
  exchange.options['warnOnFetchOpenOrdersWithoutSymbol'] = false;
  return exchange;
};

/**
 * The exchange port over ccxt for binance, bybit, okx, gate, bitget, kucoin, kraken and
 * coinbase (see docs/exchanges.md for what each venue needs and how it is handled).
 */
export const getCcxtExchange = (
  options: CcxtExchangeOptions,
): Either<CcxtConfigError, CcxtExchange> => {
  const { exchangeId } = options;
  if (!isCcxtExchangeId(exchangeId)) {
    return left({
      code: 'UNSUPPORTED_EXCHANGE',
      message: `exchange "${exchangeId}" is not supported; supported are ${CCXT_EXCHANGE_IDS.join(', ')}`,
    });
  }
  if (options.sandbox === true && !VENUE_PROFILES[exchangeId].sandbox) {
    return left({
      code: 'NO_SANDBOX',
      message: `${exchangeId} has no sandbox or testnet; those with one: ${CCXT_EXCHANGE_IDS.filter((id) => VENUE_PROFILES[id].sandbox).join(', ')}`,
    });
  }
  let base: URL | undefined;
  if (options.url !== undefined) {
    try {
      base = new URL(options.url);
    } catch {
      return left({
        code: 'INVALID_URL',
        message: `url "${options.url}" is not an absolute http(s) URL`,
      });
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      return left({ code: 'INVALID_URL', message: `url "${options.url}" must use http or https` });
    }
  }
  const now = options.now ?? Date.now;
  const exchange = construct(exchangeId, options);
  const clearDelayedCalls = trackDelayedCalls(exchange);
  if (options.sandbox === true) exchange.setSandboxMode(true);
  if (base !== undefined) {
    exchange.urls['api'] = pointUrlsAt(exchange.urls['api'], base) as (typeof exchange.urls)['api'];
    // ccxt opens a plain ws:// connection only through an explicit http agent.
    if (base.protocol === 'http:')
      (exchange as unknown as { httpAgent?: Agent }).httpAgent ??= new Agent();
  }
  installRequestDeadline(exchange, exchangeId, now);
  if (options.markets !== undefined) exchange.setMarkets([...options.markets]);

  const tracker = createOrderTracker(exchangeId, (symbol) => {
    const market = exchange.markets?.[symbol];
    return market === undefined ? 1 : contractSizeOf(market);
  });
  const ctx: AdapterContext = {
    exchange,
    exchangeId,
    secrets: secretsOf(options.credentials as unknown as Record<string, unknown>),
    tracker,
    timing: { ...defaultTiming(exchangeId), ...options.timing },
    now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    startedAt: now(),
    marketBuySlippage: options.marketBuySlippage ?? 0.01,
    positionModes: new Map(),
    lookups: createLookupLane(now),
  };
  const events = new Subject<ConnectionEvent>();
  const stream = createReportStream(ctx, events);
  const locks = createSpotExitLocks(tracker);

  return right({
    id: exchangeId,
    // A symbol's order stream is asked for before anything is sent on it (from the preflight on,
    // when the caller makes one): ccxt delivers only what arrives once the stream is live, and a
    // market order's parts fill on the next prints, whose reports would otherwise reach the
    // engine only through the lookups of the subscription's reconciliation, seconds later.
    place(request) {
      stream.watch(request.symbol);
      return placeOrder(ctx, locks, request);
    },
    cancel: (clientOrderId, symbol) => cancelOrder(ctx, clientOrderId, symbol),
    marketRules(symbol) {
      stream.watch(symbol);
      return marketRules(ctx, symbol);
    },
    async nativeStops(symbol) {
      const markets = await ensureMarkets(ctx);
      if (markets._tag === 'Left') {
        return {
          mode: 'OFF',
          reason: `${exchangeId} ${symbol}: markets could not be loaded: ${markets.left.message}`,
        };
      }
      return nativeStopSupportOf(exchangeId, symbol, marketOf(ctx, symbol));
    },
    async amendStop(clientOrderId, symbol, change) {
      const amended = await amendStop(ctx, clientOrderId, symbol, change);
      stream.watch(symbol);
      return amended;
    },
    async lookup(clientOrderId, symbol, since) {
      const found = await lookupWithProof(ctx, clientOrderId, symbol, since);
      if (found._tag === 'Right' && found.right !== null) stream.watch(symbol);
      return found;
    },
    openOrders: (symbol) => openOrders(ctx, symbol, tracker.symbols()),
    positions: () => positions(ctx),
    liquidationPrices: () => pricedPositions(ctx),
    balances: () => balances(ctx),
    reports$: stream.reports$,
    connection$: events.asObservable(),
    preflight(symbols, deadlineMs) {
      for (const symbol of symbols) stream.watch(symbol);
      return preflight(ctx, symbols, deadlineMs);
    },
    futures: (settings) => applyFuturesSettings(ctx, settings),
    ticks$: (symbols) => tickStream(ctx, events, symbols, options.tickSource ?? 'trades'),
    async close() {
      stream.close();
      events.complete();
      // Not ccxt's close: it yields before closing its sockets, and a future made then on a
      // socket still connecting was rejected unhandled (see closeSockets).
      await closeSockets(exchange);
      clearDelayedCalls();
    },
  });
};
