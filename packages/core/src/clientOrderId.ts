/**
 * Deterministic client order ids: the same smart order, trigger and attempt always give the
 * same id, so an intent found after a restart is looked up on the exchange, never doubled.
 *
 * Shape: `so` + purpose letter + level (0..20) + `r` + attempt + 16 base-36 characters of a
 * hash of the order id: lowercase alphanumeric, at most 28 characters. That fits Gate (28
 * after its `t-` prefix), OKX (32, no hyphens), Binance and Bybit (36), Bitget, KuCoin and
 * Coinbase; Kraken takes 18 characters or a UUID, so its adapter packs the id into a UUID
 * losslessly (docs/exchanges.md). The readable head says what the order was for.
 */
export type ExitPurpose = 'e' | 't' | 's' | 'f' | 'n';

export const PURPOSE = {
  entry: 'e',
  takeProfit: 't',
  stopLoss: 's',
  flatten: 'f',
  nativeStop: 'n',
} as const;

// cyrb53 (public domain): a fast, well-distributed 53-bit string hash without Node's crypto.
const cyrb53 = (text: string, seed: number): number => {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
};

const BASE36 = '0123456789abcdefghijklmnopqrstuvwxyz';
const BASE36_8 = 36 ** 8;

// The last 8 base-36 digits of a 53-bit hash, zero-padded: what
// `h.toString(36).padStart(11, '0').slice(-8)` gives, without Number#toString's radix path,
// which is slow for doubles (a restart keys every open order: docs/performance.md). Every
// step is exact: the operands are integers below 2^53.
export const last8Base36 = (h: number): string => {
  let rest = h % BASE36_8;
  let digits = '';
  for (let i = 0; i < 8; i++) {
    const d = rest % 36;
    digits = BASE36.charAt(d) + digits;
    rest = (rest - d) / 36;
  }
  return digits;
};

const hash16 = (text: string): string =>
  last8Base36(cyrb53(text, 1)) + last8Base36(cyrb53(text, 2));

export const clientOrderId = (
  orderId: string,
  purpose: ExitPurpose,
  level: number,
  attempt: number,
): string => `so${purpose}${level}r${attempt}${hash16(orderId)}`;

export interface ParsedClientOrderId {
  readonly purpose: ExitPurpose;
  readonly level: number;
  readonly attempt: number;
}

/** The purpose, level and attempt of one of this order's client order ids; null if not its own. */
export const parseClientOrderId = (orderId: string, cid: string): ParsedClientOrderId | null => {
  const m = /^so([etsfn])(\d{1,2})r(\d{1,5})([0-9a-z]{16})$/.exec(cid);
  if (m === null || m[4] !== hash16(orderId)) return null;
  return { purpose: m[1] as ExitPurpose, level: Number(m[2]), attempt: Number(m[3]) };
};

/** The part of every client order id that names its smart order: route reports by it. */
export const orderKey = (orderId: string): string => hash16(orderId);

/** The order key inside a client order id of ours; null for any other id. */
export const orderKeyOf = (cid: string): string | null => {
  const m = /^so[etsfn]\d{1,2}r\d{1,5}([0-9a-z]{16})$/.exec(cid);
  return m === null ? null : (m[1] as string);
};
