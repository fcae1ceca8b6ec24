/**
 * Kraken's `cl_ord_id` takes a UUID or at most 18 characters of free text, and the core's
 * ids are 20 to 29 characters. Their structure carries 116 bits (purpose 2, level 10,
 * attempt 20, two 8-character base-36 hash halves of 42 bits each), so they pack losslessly
 * into a version-4 UUID, and reports map back to the engine's id without any registry.
 */
const CORE_ID = /^so([etsfkn])(0|[1-9]\d{0,2})r(0|[1-9]\d{0,5})([0-9a-z]{8})([0-9a-z]{8})$/;
const PURPOSES = ['e', 't', 's', 'f'] as const;
// A flatten exit (`k`, level always 0) has no room in the purpose's 2 bits: it is packed as
// an entry with a level no smart order reaches (levels stop at 999).
const FLATTEN_LEVEL = 1023;
// A native stop (`n`) takes any level, so it cannot borrow a level: it goes in the two free
// bits of the UUID's variant digit (8 for the others, 9 for it) and is packed as an entry.
const VARIANT = { plain: '8', nativeStop: '9' } as const;
// The first hex digit marks ids packed here, so a user's own UUIDs are never unpacked.
const MARKER = 'c';
const PACKED = /^c([0-9a-f]{7})-([0-9a-f]{4})-4([0-9a-f]{3})-([89])([0-9a-f]{3})-([0-9a-f]{12})$/;

const HALF_BITS = 42n;
const ATTEMPT_BITS = 20n;
const LEVEL_BITS = 10n;

export const packKrakenClientOrderId = (cid: string): string | null => {
  const m = CORE_ID.exec(cid);
  if (m === null) return null;
  const [, purpose, level, attempt, h1, h2] = m as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const flatten = purpose === 'k';
  const nativeStop = purpose === 'n';
  let n = BigInt(
    flatten || nativeStop ? 0 : PURPOSES.indexOf(purpose as (typeof PURPOSES)[number]),
  );
  n = (n << LEVEL_BITS) | BigInt(flatten ? FLATTEN_LEVEL : Number(level));
  n = (n << ATTEMPT_BITS) | BigInt(Number(attempt));
  n = (n << HALF_BITS) | BigInt(parseInt(h1, 36));
  n = (n << HALF_BITS) | BigInt(parseInt(h2, 36));
  const hex = MARKER + n.toString(16).padStart(29, '0');
  const variant = nativeStop ? VARIANT.nativeStop : VARIANT.plain;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(12, 15)}-${variant}${hex.slice(15, 18)}-${hex.slice(18)}`;
};

export const unpackKrakenClientOrderId = (wire: string): string | null => {
  const m = PACKED.exec(wire);
  if (m === null) return null;
  const [, g1, g2, g3, variant, g4, g5] = m as unknown as string[];
  let n = BigInt('0x' + [g1, g2, g3, g4, g5].join(''));
  const mask = (bits: bigint): bigint => (1n << bits) - 1n;
  const h2 = n & mask(HALF_BITS);
  n >>= HALF_BITS;
  const h1 = n & mask(HALF_BITS);
  n >>= HALF_BITS;
  const attempt = n & mask(ATTEMPT_BITS);
  n >>= ATTEMPT_BITS;
  const level = n & mask(LEVEL_BITS);
  n >>= LEVEL_BITS;
  const purpose = PURPOSES[Number(n)];
  if (purpose === undefined) return null;
  const half = (h: bigint): string => h.toString(36).padStart(8, '0');
  if (variant === VARIANT.nativeStop) {
    return purpose === 'e' && level <= 999n ? `son${level}r${attempt}${half(h1)}${half(h2)}` : null;
  }
  if (level === BigInt(FLATTEN_LEVEL)) {
    return purpose === 'e' ? `sok0r${attempt}${half(h1)}${half(h2)}` : null;
  }
  return `so${purpose}${level}r${attempt}${half(h1)}${half(h2)}`;
};
