/**
 * The assets of a ccxt symbol: `BTC/USDT` trades BTC against USDT; `BTC/USDT:USDT` is a
 * contract settled in USDT, where nothing but the settlement asset ever changes hands.
 */
export interface MarketAssets {
  readonly base: string;
  readonly quote: string;
  /** The settlement asset of a contract (`:USDT`); absent on spot. */
  readonly settle?: string;
}

export const marketAssets = (symbol: string): MarketAssets => {
  const [pair = symbol, settle] = symbol.split(':');
  const slash = pair.indexOf('/');
  const base = slash < 0 ? pair : pair.slice(0, slash);
  const quote = slash < 0 ? '' : pair.slice(slash + 1);
  return settle === undefined ? { base, quote } : { base, quote, settle };
};
