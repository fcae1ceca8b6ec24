/** The eight venues this adapter is written and tested for, by their ccxt ids. */
export const CCXT_EXCHANGE_IDS = [
  'binance',
  'bybit',
  'okx',
  'gate',
  'bitget',
  'kucoin',
  'kraken',
  'coinbase',
] as const;

export type CcxtExchangeId = (typeof CCXT_EXCHANGE_IDS)[number];

export const isCcxtExchangeId = (id: string): id is CcxtExchangeId =>
  (CCXT_EXCHANGE_IDS as readonly string[]).includes(id);
