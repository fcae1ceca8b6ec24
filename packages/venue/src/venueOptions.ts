import { isLeft, left, right, type Either } from 'fp-ts/Either';
import { DEFAULT_FEE_SCHEDULE, FeeSchedule, type FillModelConfig } from '@smart-orders/core';
import type { Fault } from './fault';
import { DEFAULT_RATE_LIMITS, type RateLimitRules } from './rateLimits';
import { defaultBybitRateLimits, type BybitRateLimitRules } from './bybit/bybitRateLimits';
import type { Credentials } from './restAuth';
import type { PlayMode } from './tickPlayer';
import { venueError, type VenueError } from './venueError';
import { isMarketSymbol, venueMarket, type MarketRules, type VenueMarket } from './venueMarket';
import type { VenueTick } from './venueTick';

export interface VenueOptions {
  /** Recorded ticks of every market served, each market's in time order; others are ignored. */
  readonly ticks: readonly VenueTick[];
  /** The market served, `BASE/QUOTE`; `symbols` serves several. */
  readonly symbol?: string;
  /** The markets served, `BASE/QUOTE` each; with neither this nor `symbol`, every symbol of the ticks. */
  readonly symbols?: readonly string[];
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** Real time × speed (default 1); ignored with `step`. */
  readonly speed?: number;
  /** Ticks are played only when `advance` is called (after the first, played at start). */
  readonly step?: boolean;
  readonly faults?: readonly Fault[];
  readonly apiKey?: string;
  readonly secret?: string;
  /** Starting free balances by asset; default 100000 of each quote asset and none of the bases. */
  readonly balances?: Readonly<Record<string, number>>;
  /**
   * The server's wall clock (default `Date.now`): what `GET /api/v3/time` answers, what signed
   * requests' timestamps are held to and what rate-limit windows turn on. Recorded market time
   * is another clock. A drill sets it off the client's to play a drifting server.
   */
  readonly serverClock?: () => number;
  /** Request weight and order limits, on the server clock; Binance spot's by default. */
  readonly rateLimits?: Partial<RateLimitRules>;
  /**
   * The Bybit dialect's limits, on the server clock: Bybit's defaults (per UID and endpoint per
   * rolling second, 600 requests per 5 s per IP); `perSecond` names endpoints whose limit changes.
   */
  readonly bybitRateLimits?: Partial<BybitRateLimitRules>;
  /**
   * `spot` (default): Binance spot markets `BASE/QUOTE` under `/api/v3`; `usdm`: USDⓈ-M
   * perpetuals `BASE/QUOTE:QUOTE` under `/fapi`, one wallet in the settlement asset.
   */
  readonly marketType?: MarketType;
  /** USDⓈ-M: maintenance margin as a share of a position's notional at the mark (0.004). */
  readonly maintenanceMarginRate?: number;
  /** The filters of every market served. */
  readonly market?: Partial<MarketRules>;
  /**
   * What each fill costs, the fill model's schedule (makerBps, takerBps, RECEIVED | QUOTE).
   * Default `DEFAULT_FEE_SCHEDULE`, 10 / 10 bps in the received asset: Binance spot without BNB
   * (SEMANTICS §9.4); `NO_FEES` charges nothing.
   */
  readonly fees?: FeeSchedule;
  /**
   * Fills take at most what the recording printed (a trade's quantity, a quote's bid or ask
   * size), one tick's print shared by the orders in their order of creation, the rest on later
   * ticks. Default true; a recording without sizes fills in full either way.
   */
  readonly sizeLimits?: boolean;
  /** Trade prints further than this from the median of the previous 50 neither trigger nor fill; default off. */
  readonly maxDeviationBps?: number;
  /** An order received at recorded time t meets the first tick at or after t + latencyMs; default 0. */
  readonly latencyMs?: number;
  /**
   * Print the venue's own fills on the public trade streams and count them in the ticker
   * statistics, as Binance does (spot and USDⓈ-M). Default true.
   */
  readonly printOwnFills?: boolean;
  /**
   * The exchange API the venue speaks: `binance` (default; spot `/api/v3`, USDⓈ-M `/fapi`) or
   * `bybit` (Bybit v5 `/v5/...`: spot markets, or with marketType `usdm` the USDT perpetuals as
   * `category=linear`), one at a time.
   */
  readonly dialect?: Dialect;
}

export type Dialect = 'binance' | 'bybit';
export const DIALECTS: readonly Dialect[] = ['binance', 'bybit'];

export type MarketType = 'spot' | 'usdm';

export const DEFAULT_API_KEY = 'venue-api-key';
export const DEFAULT_SECRET = 'venue-secret';

export interface CheckedOptions {
  readonly markets: readonly VenueMarket[];
  /** The ticks of the markets served, merged in time order (ties keep their given order). */
  readonly ticks: readonly VenueTick[];
  readonly port: number;
  readonly mode: PlayMode;
  readonly faults: readonly Fault[];
  readonly credentials: Credentials;
  readonly balances: Readonly<Record<string, number>>;
  readonly rateLimits: RateLimitRules;
  readonly bybitRateLimits: BybitRateLimitRules;
  readonly serverClock: () => number;
  readonly marketType: MarketType;
  readonly maintenanceMarginRate: number;
  /** The fill model's settings (fees, size limits, deviation filter, latency), every market's. */
  readonly fills: Partial<FillModelConfig>;
  readonly printOwnFills: boolean;
  readonly dialect: Dialect;
}

const invalid = (message: string) => left(venueError('INVALID_OPTIONS', message));

/** `BTC/USDT` and `BTCUSDT` both name the market BTC/USDT: tick files spell it either way. */
const canonicalSymbol = (symbol: string, known: readonly string[]): string =>
  known.find((k) => k.replace('/', '') === symbol.toUpperCase()) ?? symbol;

/** Quote assets an exchange id like `BTCUSDT` is split on when the ticks do not spell it `BTC/USDT`. */
const QUOTES = ['USDT', 'USDC', 'FDUSD', 'BUSD', 'TUSD', 'EUR', 'TRY', 'BTC', 'ETH', 'BNB'];

const splitId = (id: string): string => {
  const quote = QUOTES.find((q) => id.endsWith(q) && id.length > q.length);
  return id.includes('/') || quote === undefined ? id : `${id.slice(0, -quote.length)}/${quote}`;
};

const tickSymbols = (ticks: readonly VenueTick[]): string[] => {
  const seen = [...new Set(ticks.map((t) => t.symbol))];
  const slashed = seen.filter((s) => s.includes('/'));
  return [...new Set(seen.map((s) => splitId(canonicalSymbol(s, slashed))))];
};

export const checkVenueOptions = (o: VenueOptions): Either<VenueError, CheckedOptions> => {
  if (o.symbol !== undefined && o.symbols !== undefined)
    return invalid('give symbol or symbols, not both');
  const marketType = o.marketType ?? 'spot';
  if (marketType !== 'spot' && marketType !== 'usdm')
    return invalid(`marketType must be spot or usdm; got ${String(marketType)}`);
  const usdm = marketType === 'usdm';
  const dialect = o.dialect ?? 'binance';
  if (!DIALECTS.includes(dialect))
    return invalid(`dialect must be ${DIALECTS.join(' or ')}; got ${String(dialect)}`);
  const symbols =
    o.symbols ??
    (o.symbol === undefined
      ? tickSymbols(o.ticks).map((s) => (usdm && !s.includes(':') ? `${s}:${s.split('/')[1]}` : s))
      : [o.symbol]);
  if (symbols.length === 0) return left(venueError('NO_TICKS', 'no ticks, so no market to serve'));
  const markets: VenueMarket[] = [];
  for (const symbol of symbols) {
    const market = venueMarket(symbol, o.market);
    if (market._tag === 'Left') return market;
    if (!usdm && market.right.settle !== null)
      return invalid(`${symbol} is a perpetual; serve it with marketType usdm (--market usdm)`);
    if (usdm && market.right.settle === null)
      return invalid(
        `${symbol} is a spot market; a usdm venue serves perpetuals BASE/QUOTE:QUOTE, e.g. ${symbol}:${market.right.quote}`,
      );
    if (usdm && markets.some((m) => m.settle !== market.right.settle))
      return invalid('the perpetuals of a usdm venue must settle in one asset');
    if (markets.some((m) => m.id === market.right.id))
      return invalid(`symbols must differ; ${symbol} is given twice`);
    markets.push(market.right);
  }
  const seen = [...new Set(o.ticks.map((t) => t.symbol))].slice(0, 5).join(', ') || 'none';
  const perMarket: VenueTick[][] = [];
  for (const m of markets) {
    const ticks = o.ticks.filter((t) => isMarketSymbol(m, t.symbol));
    if (ticks.length === 0)
      return left(
        venueError(
          'NO_TICKS',
          `no ticks for ${m.symbol} among ${o.ticks.length} ticks (symbols seen: ${seen})`,
        ),
      );
    const outOfOrder = ticks.findIndex((t, i) => i > 0 && t.ts < (ticks[i - 1] as VenueTick).ts);
    if (outOfOrder > 0)
      return invalid(
        `ticks must be in time order: tick ${outOfOrder} of ${m.symbol} (ts ${ticks[outOfOrder]?.ts}) is before the one before it`,
      );
    perMarket.push(ticks);
  }
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return invalid(`port must be an integer from 0 to 65535; got ${port}`);
  if (o.step === true && o.speed !== undefined) return invalid('give speed or step, not both');
  const speed = o.speed ?? 1;
  if (!(Number.isFinite(speed) && speed > 0))
    return invalid(`speed must be a positive number; got ${speed}`);
  const assets = markets.flatMap((m) => [m.base, m.quote]);
  const settle = markets[0]?.settle ?? null;
  const balances =
    o.balances ??
    (settle !== null ? { [settle]: 100000 } : undefined) ??
    Object.fromEntries([
      ...markets.map((m): [string, number] => [m.base, 0]),
      ...markets.map((m): [string, number] => [m.quote, 100000]),
    ]);
  const badBalance = Object.entries(balances).find(([, v]) => !(Number.isFinite(v) && v >= 0));
  if (badBalance !== undefined)
    return invalid(`balances.${badBalance[0]} must be a number ≥ 0; got ${badBalance[1]}`);
  // Binance USDⓈ-M: 2400 request weight a minute, 300 orders in 10 seconds.
  const rateLimits = {
    ...DEFAULT_RATE_LIMITS,
    ...(usdm ? { requestWeightPerMinute: 2400, ordersPer10Seconds: 300 } : {}),
    ...o.rateLimits,
  };
  const badLimit = Object.entries(rateLimits).find(([, v]) => !(Number.isInteger(v) && v > 0));
  if (badLimit !== undefined)
    return invalid(`rateLimits.${badLimit[0]} must be a positive integer; got ${badLimit[1]}`);
  const bybitDefaults = defaultBybitRateLimits(marketType);
  const bybitRateLimits = {
    ...bybitDefaults,
    ...o.bybitRateLimits,
    perSecond: { ...bybitDefaults.perSecond, ...o.bybitRateLimits?.perSecond },
  };
  const badBybitLimit = [
    ...Object.entries(bybitRateLimits).filter(([k]) => k !== 'perSecond'),
    ...Object.entries(bybitRateLimits.perSecond).map(([k, v]) => [`perSecond['${k}']`, v]),
  ].find(([, v]) => !(Number.isInteger(v) && (v as number) > 0));
  if (badBybitLimit !== undefined)
    return invalid(
      `bybitRateLimits.${String(badBybitLimit[0])} must be a positive integer; got ${String(badBybitLimit[1])}`,
    );
  const mmr = o.maintenanceMarginRate ?? 0.004;
  if (!(Number.isFinite(mmr) && mmr > 0 && mmr < 1))
    return invalid(`maintenanceMarginRate must be above 0 and below 1; got ${mmr}`);
  const fees = FeeSchedule.decode(o.fees ?? DEFAULT_FEE_SCHEDULE);
  if (isLeft(fees))
    return invalid(
      `fees must be { makerBps, takerBps } in [0, 1000] with asset RECEIVED or QUOTE; got ${JSON.stringify(o.fees)}`,
    );
  const deviation = o.maxDeviationBps;
  if (deviation !== undefined && !(Number.isFinite(deviation) && deviation > 0))
    return invalid(`maxDeviationBps must be a number of basis points > 0; got ${deviation}`);
  const latencyMs = o.latencyMs ?? 0;
  if (!(Number.isInteger(latencyMs) && latencyMs >= 0))
    return invalid(`latencyMs must be an integer >= 0; got ${latencyMs}`);
  const apiKey = o.apiKey ?? DEFAULT_API_KEY;
  const secret = o.secret ?? DEFAULT_SECRET;
  if (apiKey === '' || secret === '') return invalid('apiKey and secret must not be empty');
  return right({
    markets,
    ticks: mergeByTime(perMarket),
    port,
    mode: o.step === true ? { step: true } : { step: false, speed },
    faults: o.faults ?? [],
    credentials: { apiKey, secret },
    balances: { ...Object.fromEntries(assets.map((a) => [a, 0])), ...balances },
    rateLimits,
    bybitRateLimits,
    serverClock: o.serverClock ?? Date.now,
    marketType,
    maintenanceMarginRate: mmr,
    fills: {
      fees: fees.right,
      sizeLimits: o.sizeLimits ?? true,
      latencyMs,
      ...(deviation === undefined ? {} : { maxDeviationBps: deviation }),
    },
    printOwnFills: o.printOwnFills ?? true,
    dialect,
  });
};

/** Several markets' ticks played as one recording: by time, a market's own order kept. */
const mergeByTime = (lists: readonly (readonly VenueTick[])[]): VenueTick[] =>
  lists.length === 1
    ? [...(lists[0] as readonly VenueTick[])]
    : lists
        .flatMap((ticks, m) => ticks.map((tick, i) => ({ tick, m, i })))
        .sort((a, b) => a.tick.ts - b.tick.ts || a.m - b.m || a.i - b.i)
        .map((x) => x.tick);
