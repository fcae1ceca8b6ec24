import Big from 'big.js';
import { isMultipleOf } from '../decimal';
import { PAPER_MARKET, type CreateSmartOrder, type MarketSpec } from '../commands/createSmartOrder';
import { issue, type ValidationIssue } from '../codecs/issues';

type Resolved = Required<Omit<MarketSpec, 'minNotional'>> & Pick<MarketSpec, 'minNotional'>;

/**
 * The market an order is checked and recorded on (SEMANTICS §1 v2: on a live exchange the
 * venue's market is authoritative). Without a venue market (paper, a replay): the order's own,
 * else the paper default. With one: the venue's, or the order's where it is a coarser grid of
 * the same (a tick or step a whole multiple of the venue's, minimums at least the venue's), so
 * that every price and quantity the order holds or derives lies on the venue's grid and is sent
 * as recorded: nothing is truncated on the way, and a fill the venue reports as the whole order
 * is the whole level.
 */
export const orderMarket = (cmd: CreateSmartOrder): Resolved => {
  const venue = cmd.venueMarket;
  if (venue === undefined) return { ...PAPER_MARKET, ...cmd.market };
  const own = cmd.market;
  const max = (a: number | undefined, b: number | undefined): number | undefined =>
    a === undefined ? b : b === undefined ? a : Math.max(a, b);
  const minNotional = max(venue.minNotional, own?.minNotional);
  return {
    tickSize: own?.tickSize ?? venue.tickSize,
    stepSize: own?.stepSize ?? venue.stepSize,
    minQty: max(venue.minQty, own?.minQty) ?? 0,
    ...(minNotional === undefined ? {} : { minNotional }),
  };
};

/**
 * An order's `market` that the venue's contradicts is refused at creation, naming both: a tick
 * or step that is not a whole multiple of the venue's (its values would be off the venue's grid),
 * or a minimum below the venue's.
 */
export const venueMarketIssues = (cmd: CreateSmartOrder): ValidationIssue[] => {
  const venue = cmd.venueMarket;
  const own = cmd.market;
  if (venue === undefined || own === undefined) return [];
  const out: ValidationIssue[] = [];
  const grid = (field: 'tickSize' | 'stepSize', name: string): void => {
    if (!isMultipleOf(own[field], venue[field]) || new Big(own[field]).lt(venue[field]))
      out.push(
        issue(
          `market.${field}`,
          `must be the venue's ${name} ${venue[field]} or a whole multiple of it (the venue's market is authoritative), got ${own[field]}`,
        ),
      );
  };
  grid('tickSize', 'tick size');
  grid('stepSize', 'step size');
  for (const [field, name] of [
    ['minQty', 'minimum quantity'],
    ['minNotional', 'minimum notional'],
  ] as const) {
    const theirs = venue[field];
    const ours = own[field];
    if (theirs !== undefined && ours !== undefined && ours < theirs)
      out.push(
        issue(
          `market.${field}`,
          `must be at least the venue's ${name} ${theirs} (the venue's market is authoritative), got ${ours}`,
        ),
      );
  }
  return out;
};
