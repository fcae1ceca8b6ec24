type Data = Readonly<Record<string, unknown>>;

// What a restart's order specs repeat: of 100,000 orders, a handful of symbols, venues, sides,
// markets and entry kinds. Each parsed from the log is a string or object of its own, about
// 150 bytes an order that a restarted engine would keep for as long as the orders are open.
const SHARED_TEXT = ['exchange', 'symbol', 'side', 'triggerSource'] as const;

const onlyKeys = (value: unknown, keys: readonly string[]): value is Data => {
  if (value === null || typeof value !== 'object') return false;
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((k, i) => own[i] === k);
};

/**
 * Shares the equal values of the `SmartOrderCreated` data a rebuild parses: each field keeps an
 * equal value, in the same order, so nothing that reads the data can tell; states are never
 * changed in place, so sharing is safe. One interner serves one rebuild.
 */
export const createSpecInterner = (): ((data: Data) => Data) => {
  const texts = new Map<string, string>();
  const markets = new Map<string, Data>();
  const entries = new Map<string, Data>();
  /** The first value seen under `key` in `pool`. */
  const shared = <T>(pool: Map<string, T>, key: string, value: T): T => {
    const known = pool.get(key);
    if (known !== undefined) return known;
    pool.set(key, value);
    return value;
  };
  return (data) => {
    // In place: a rebuild's data is what the store parsed for it (at most the memory store's own
    // copy), and an equal value in place of another is not something any reader can see. A copy
    // of each spec cost the restart a tenth of its CPU.
    const spec = data as Record<string, unknown>;
    for (const field of SHARED_TEXT) {
      const value = spec[field];
      if (typeof value === 'string') spec[field] = shared(texts, value, value);
    }
    const market = spec['market'];
    if (onlyKeys(market, ['tickSize', 'stepSize', 'minQty']))
      spec['market'] = shared(
        markets,
        `${String(market['tickSize'])} ${String(market['stepSize'])} ${String(market['minQty'])}`,
        market,
      );
    const entry = spec['entry'];
    if (onlyKeys(entry, ['type'])) spec['entry'] = shared(entries, String(entry['type']), entry);
    return spec;
  };
};
