import { left, right, type Either } from 'fp-ts/Either';

/** Where each field of a tick is found: an index into the column names, or null when absent. */
export interface ColumnRoles {
  readonly time: number;
  readonly price: number | null;
  readonly quantity: number | null;
  readonly bid: number | null;
  readonly ask: number | null;
  readonly symbol: number | null;
  /** Sizes at the top of book (SEMANTICS §9.4): Tardis quotes' `bid_amount` / `ask_amount`. */
  readonly bidSize: number | null;
  readonly askSize: number | null;
  /** The recording's id of the print: Tardis trades' `id`, for the duplicate-tick rule. */
  readonly id: number | null;
  /** A flag that the print is not the market: `is_best_match` (false) or Binance's `X` (not MARKET). */
  readonly marketFlag: number | null;
  /** The names, as the file spells them, for messages. */
  readonly names: readonly string[];
}

/**
 * In order of preference: the exchange's time before the recorder's (`local_timestamp` of
 * Tardis is only a fallback), and Binance's trade time `T` before its event time `E`, which
 * can lag it by seconds.
 */
export const TIME_COLUMNS = [
  'timestamp',
  'time',
  'ts',
  'transact_time',
  'T',
  'E',
  'datetime',
  'date',
  'local_timestamp',
];
export const PRICE_COLUMNS = ['price'];
export const QUANTITY_COLUMNS = ['quantity', 'qty', 'size', 'amount'];
export const BID_COLUMNS = ['bid', 'bid_price'];
export const ASK_COLUMNS = ['ask', 'ask_price'];
export const SYMBOL_COLUMNS = ['symbol'];
export const BID_SIZE_COLUMNS = ['bid_amount', 'bid_size', 'bid_qty', 'bidsize', 'bidqty'];
export const ASK_SIZE_COLUMNS = ['ask_amount', 'ask_size', 'ask_qty', 'asksize', 'askqty'];
export const ID_COLUMNS = ['id', 'trade_id', 'tradeid'];
/**
 * Binance's own trade streams: `is_best_match` (`M` in the raw message) is false for a print
 * that did not trade at the best price; USDⓈ-M's `X` is the order type of the print, `MARKET`
 * for the market and `INSURANCE_FUND`, `ADL` or `LIQUIDATION` for what is not.
 */
export const MARKET_FLAG_COLUMNS = ['is_best_match', 'isbestmatch', 'M', 'X'];

/**
 * Names match case-insensitively, except one-letter ones: in Binance messages `t` is the trade
 * id and `e` the event type, not times.
 */
const sameName = (wanted: string, name: string): boolean =>
  wanted.length === 1 ? name === wanted : name.toLowerCase() === wanted;

const find = (names: readonly string[], candidates: readonly string[]): number | null => {
  for (const wanted of candidates) {
    const i = names.findIndex((name) => sameName(wanted, name.trim()));
    if (i >= 0) return i;
  }
  return null;
};

const listed = (names: readonly string[]): string =>
  names.length === 0 ? 'none' : names.join(', ');

// Names compare as `sameName` matches them: case-insensitively, except one-letter ones.
const nameKey = (name: string): string =>
  name.trim().length === 1 ? name.trim() : name.trim().toLowerCase();

/** A column named twice: reading the first and ignoring the second would hide a damaged file. */
const duplicated = (names: readonly string[]): string | null => {
  const seen = new Map<string, number>();
  for (const [i, name] of names.entries()) {
    const first = seen.get(nameKey(name));
    if (first !== undefined)
      return `column "${name.trim()}" appears twice (columns ${first + 1} and ${i + 1}); each column may appear once`;
    seen.set(nameKey(name), i);
  }
  return null;
};

/** The roles of a header (or of `--columns`, or of a JSON line's keys); a message when unusable. */
export const columnRoles = (names: readonly string[]): Either<string, ColumnRoles> => {
  const twice = duplicated(names);
  if (twice !== null) return left(twice);
  const time = find(names, TIME_COLUMNS);
  if (time === null) {
    return left(
      `no time column: expected one of ${TIME_COLUMNS.join(', ')}; found ${listed(names)}`,
    );
  }
  const roles: ColumnRoles = {
    time,
    price: find(names, PRICE_COLUMNS),
    quantity: find(names, QUANTITY_COLUMNS),
    bid: find(names, BID_COLUMNS),
    ask: find(names, ASK_COLUMNS),
    symbol: find(names, SYMBOL_COLUMNS),
    bidSize: find(names, BID_SIZE_COLUMNS),
    askSize: find(names, ASK_SIZE_COLUMNS),
    id: find(names, ID_COLUMNS),
    marketFlag: find(names, MARKET_FLAG_COLUMNS),
    names,
  };
  if (roles.price === null && roles.bid === null && roles.ask === null) {
    return left(
      `no price column: expected ${PRICE_COLUMNS.join(' or ')}, or ${BID_COLUMNS.join('/')} and ${ASK_COLUMNS.join('/')}; found ${listed(names)}`,
    );
  }
  return right(roles);
};
