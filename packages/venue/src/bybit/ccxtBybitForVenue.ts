import { Agent } from 'node:http';
import { rewrite, type CcxtExchangeLike } from '../ccxtForVenue';

type Ccxt = typeof import('ccxt');
export type CcxtProBybit = InstanceType<Ccxt['pro']['bybit']>;

/**
 * Points a ccxt `bybit` (REST or pro) at a venue speaking the bybit dialect: every REST and
 * WebSocket URL moves to the venue, paths kept, so a call the venue does not serve fails there
 * rather than reach Bybit with the caller's keys. ccxt's options stay its defaults: the venue
 * answers what ccxt asks on its own (every market category, coin info, the key's account type).
 */
export const pointCcxtBybitAtVenue = <E extends CcxtExchangeLike>(
  exchange: E,
  venueUrl: string,
): E => {
  const http = venueUrl.replace(/\/+$/, '');
  const ws = http.replace(/^http/, 'ws');
  for (const key of ['api', 'test', 'demotrading']) {
    if (exchange.urls[key] !== undefined)
      exchange.urls[key] = rewrite(exchange.urls[key], http, ws);
  }
  // ccxt opens plain ws:// connections only through an explicit http agent.
  exchange.httpAgent ??= new Agent();
  return exchange;
};

/** A `ccxt.pro.bybit` trading on a venue; ccxt is loaded on first use. */
export const createCcxtBybitForVenue = (
  venueUrl: string,
  apiKey: string,
  secret: string,
): CcxtProBybit => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ccxt = require('ccxt') as Ccxt;
  return pointCcxtBybitAtVenue(new ccxt.pro.bybit({ apiKey, secret }), venueUrl);
};
