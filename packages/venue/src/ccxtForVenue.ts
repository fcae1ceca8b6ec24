import { Agent } from 'node:http';

type Ccxt = typeof import('ccxt');
export type CcxtProBinance = InstanceType<Ccxt['pro']['binance']>;

/** The parts of a ccxt exchange the venue rewires; any ccxt Binance class has them. */
export interface CcxtExchangeLike {
  urls: { [key: string]: unknown };
  options: { [key: string]: unknown };
  httpAgent: unknown;
  hostname?: string;
  getExceptionsByUrl?: (url: string | undefined, exactOrBroad: string) => unknown;
}

/**
 * ccxt chooses Binance's error table by the host a request went to (`https://fapi.binance.com/`
 * is USDⓈ-M's, where -2022 is InvalidOrder; the exchange-wide table has it as BadResponse, which
 * reads as "outcome unknown"). The venue's URLs name no Binance host, so each is read as the host
 * its path belongs to.
 */
const readErrorsByPath = (exchange: CcxtExchangeLike, http: string): void => {
  const original = exchange.getExceptionsByUrl;
  if (original === undefined) return;
  const host = exchange.hostname ?? 'binance.com';
  exchange.getExceptionsByUrl = (url, exactOrBroad) => {
    if (url?.startsWith(`${http}/`) !== true) return original.call(exchange, url, exactOrBroad);
    const path = url.slice(http.length);
    const real = path.startsWith('/fapi/')
      ? `https://fapi.${host}${path}`
      : path.startsWith('/dapi/')
        ? `https://dapi.${host}${path}`
        : `https://api.${host}${path}`;
    return original.call(exchange, real, exactOrBroad);
  };
};

/** Every URL of a ccxt `urls` tree moved to the venue, paths kept (ws:// for WebSockets). */
export const rewrite = (value: unknown, http: string, ws: string): unknown => {
  if (typeof value === 'string') {
    const m = /^(https?|wss?):\/\/[^/]+(\/.*)?$/.exec(value);
    if (m === null) return value;
    return `${m[1]?.startsWith('ws') ? ws : http}${m[2] ?? ''}`;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, http, ws)]));
  }
  return value;
};

/**
 * Points a ccxt `binance` or `binanceusdm` (REST or pro) at a venue; `marketType` `usdm` for a
 * venue serving USDⓈ-M perpetuals (the swap markets are loaded and traded by default). Every API URL, not only the spot ones the
 * venue serves, is moved to the venue, so a call it does not serve fails there instead of
 * reaching the real exchange with the caller's keys. The options avoid calls the venue does not
 * emulate: currencies and margin pairs (sapi) and futures markets at load, and the clock sync.
 */
export const pointCcxtAtVenue = <E extends CcxtExchangeLike>(
  exchange: E,
  venueUrl: string,
  marketType: 'spot' | 'usdm' = 'spot',
): E => {
  const http = venueUrl.replace(/\/+$/, '');
  const ws = http.replace(/^http/, 'ws');
  for (const key of ['api', 'test', 'demo']) {
    if (exchange.urls[key] !== undefined)
      exchange.urls[key] = rewrite(exchange.urls[key], http, ws);
  }
  const fetchOpenOrders = (exchange.options['fetchOpenOrders'] ?? {}) as Record<string, unknown>;
  const usdm = marketType === 'usdm';
  Object.assign(exchange.options, {
    defaultType: usdm ? 'swap' : 'spot',
    fetchCurrencies: false,
    fetchMargins: false,
    fetchMarkets: { types: [usdm ? 'linear' : 'spot'], loadAllOptions: false },
    adjustForTimeDifference: false,
    // The venue has few markets, so open orders without a symbol cost little.
    fetchOpenOrders: { ...fetchOpenOrders, warnWithoutSymbol: false },
  });
  readErrorsByPath(exchange, http);
  // ccxt opens plain ws:// connections only through an explicit http agent.
  exchange.httpAgent ??= new Agent();
  return exchange;
};

/**
 * A `ccxt.pro.binance` trading on a venue. ccxt is loaded here, on first use, so the venue
 * itself runs without it.
 */
export const createCcxtBinanceForVenue = (
  venueUrl: string,
  apiKey: string,
  secret: string,
): CcxtProBinance => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ccxt = require('ccxt') as Ccxt;
  return pointCcxtAtVenue(new ccxt.pro.binance({ apiKey, secret }), venueUrl);
};
