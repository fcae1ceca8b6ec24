import { MarketSymbol } from '@smart-orders/core';

const QUOTES = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'USD',
  'EUR',
  'GBP',
  'TRY',
  'BTC',
  'ETH',
  'BNB',
];

/** A guess at the ccxt symbol of a venue's symbol (`BTCUSDT` → `BTC/USDT`), for messages only. */
export const suggestSymbol = (venueSymbol: string): string => {
  const s = venueSymbol.trim().toUpperCase();
  const separated = /^([A-Z0-9]+)[-_]([A-Z0-9]+)$/.exec(s);
  if (separated !== null) return `${separated[1]}/${separated[2]}`;
  const quote = QUOTES.find((q) => s.endsWith(q) && s.length > q.length);
  return quote === undefined ? 'BASE/QUOTE' : `${s.slice(0, -quote.length)}/${quote}`;
};

/** Why `symbol` is not a ccxt symbol and what to pass instead; null when it is one. */
export const symbolProblem = (symbol: string): string | null =>
  MarketSymbol.is(symbol)
    ? null
    : `must be a ccxt symbol like "BTC/USDT", got ${JSON.stringify(symbol)}; pass --symbol ${suggestSymbol(symbol)}`;
