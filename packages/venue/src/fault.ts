import { left, right, type Either } from 'fp-ts/Either';
import { venueError, type VenueError } from './venueError';

/** Faults the venue injects, keyed by recorded time (epoch ms), as CLI.md's plan `faults` section. */
export type Fault =
  /** Market orders refused with "Market is closed." while `from ≤ now < to`. */
  | { readonly from: number; readonly to: number; readonly rejectMarketOrders: true }
  /** The next n executionReport messages from `at` on are never sent. */
  | { readonly at: number; readonly dropExecutionReports: number }
  /** The next `count` executionReport messages from `at` on are sent `delayExecutionReportsMs` late (wall clock). */
  | { readonly at: number; readonly delayExecutionReportsMs: number; readonly count: number }
  /** The next n order-create requests from `at` on execute, but their HTTP request is never answered. */
  | { readonly at: number; readonly executeWithoutAnswer: number }
  /** At `at`, every WebSocket connection is dropped. */
  | { readonly at: number; readonly closeWebSocket: true }
  /** At `at`, one trade print at this price on the public streams; the venue's own market is unmoved. */
  | { readonly at: number; readonly offMarketPrint: number }
  /**
   * While `from ≤ now < to`, every signed read (account, open orders, an order's lookup, trades)
   * is answered 503 with -1001, as an overloaded venue does: a client cannot read the account.
   */
  | { readonly from: number; readonly to: number; readonly refuseAccountReads: true };

const SHAPES = [
  '{"from", "to", "rejectMarketOrders": true}',
  '{"at", "dropExecutionReports": n}',
  '{"at", "delayExecutionReportsMs": ms, "count": n}',
  '{"at", "executeWithoutAnswer": n}',
  '{"at", "closeWebSocket": true}',
  '{"at", "offMarketPrint": price}',
  '{"from", "to", "refuseAccountReads": true}',
].join(', ');

type Check = (name: string, v: unknown) => string | null;
const time: Check = (name, v) =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0
    ? null
    : `'${name}' must be an epoch-ms time; got ${JSON.stringify(v)}`;
const count: Check = (name, v) =>
  Number.isInteger(v) && (v as number) > 0
    ? null
    : `'${name}' must be a positive integer; got ${JSON.stringify(v)}`;
const positive: Check = (name, v) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0
    ? null
    : `'${name}' must be a positive number; got ${JSON.stringify(v)}`;
const yes: Check = (name, v) =>
  v === true ? null : `'${name}' must be true; got ${JSON.stringify(v)}`;

const KINDS: readonly { readonly key: string; readonly fields: Readonly<Record<string, Check>> }[] =
  [
    { key: 'rejectMarketOrders', fields: { from: time, to: time, rejectMarketOrders: yes } },
    { key: 'dropExecutionReports', fields: { at: time, dropExecutionReports: count } },
    {
      key: 'delayExecutionReportsMs',
      fields: { at: time, delayExecutionReportsMs: positive, count },
    },
    { key: 'executeWithoutAnswer', fields: { at: time, executeWithoutAnswer: count } },
    { key: 'closeWebSocket', fields: { at: time, closeWebSocket: yes } },
    { key: 'offMarketPrint', fields: { at: time, offMarketPrint: positive } },
    { key: 'refuseAccountReads', fields: { from: time, to: time, refuseAccountReads: yes } },
  ];

const parseOne = (u: unknown, where: string): Either<VenueError, Fault> => {
  const bad = (why: string) => left(venueError('INVALID_FAULT', `${where}: ${why}`));
  if (typeof u !== 'object' || u === null || Array.isArray(u))
    return bad(`expected one of ${SHAPES}`);
  const record = { ...(u as Record<string, unknown>) };
  const kind = KINDS.find((k) => k.key in record);
  if (kind === undefined)
    return bad(`expected one of ${SHAPES}; got keys ${Object.keys(record).join(', ') || 'none'}`);
  // A delay without a count delays one report.
  if (kind.key === 'delayExecutionReportsMs' && record['count'] === undefined) record['count'] = 1;
  const extra = Object.keys(record).filter((k) => !(k in kind.fields));
  if (extra.length > 0)
    return bad(
      `unknown key(s) ${extra.join(', ')} in a ${kind.key} fault; allowed: ${Object.keys(kind.fields).join(', ')}`,
    );
  for (const [name, check] of Object.entries(kind.fields)) {
    const why = check(name, record[name]);
    if (why !== null) return bad(why);
  }
  if ('from' in kind.fields && (record['to'] as number) <= (record['from'] as number)) {
    return bad(`'to' must be after 'from'`);
  }
  return right(record as unknown as Fault);
};

/** A fault, a list of faults, or a plan with a `faults` section (CLI.md). */
export const parseFaults = (u: unknown): Either<VenueError, readonly Fault[]> => {
  const hasSection = typeof u === 'object' && u !== null && !Array.isArray(u) && 'faults' in u;
  const list = hasSection ? (u as { faults: unknown }).faults : u;
  const items = Array.isArray(list) ? list : [list];
  const faults: Fault[] = [];
  for (const [i, item] of items.entries()) {
    const parsed = parseOne(item, Array.isArray(list) ? `faults[${i}]` : 'fault');
    if (parsed._tag === 'Left') return parsed;
    faults.push(parsed.right);
  }
  return right(faults);
};
