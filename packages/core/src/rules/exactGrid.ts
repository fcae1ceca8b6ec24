import Big from 'big.js';
import type { CreateSmartOrder, MarketSpec } from '../commands/createSmartOrder';
import { withLadderEntry } from './entryLadder';
import { issue, type ValidationIssue } from '../codecs/issues';

/**
 * Exact grids (SEMANTICS §1): every price is fewer than 10^15 ticks and every quantity fewer
 * than 10^15 steps. Then every value on that grid, derived ones included (take-profit
 * quantities, their sums, positions), has at most 15 significant digits and round-trips
 * through a JSON number exactly, so quantities added and split in decimal arithmetic sum
 * exactly and a position closes at exactly zero. A value beyond it is rejected, not rounded.
 */
export const MAX_GRID_UNITS = new Big(10).pow(15);

const withinGrid = (
  path: string,
  value: number,
  unit: number,
  unitName: string,
): ValidationIssue[] =>
  new Big(value).div(unit).abs().lt(MAX_GRID_UNITS)
    ? []
    : [
        issue(
          path,
          `must be fewer than 10^15 ${unitName}s of ${unit} (exact grid: at most 15 significant digits on it), got ${value}`,
        ),
      ];

/** Every price and quantity of a new order within 10^15 units of its grid. */
export const exactGridIssues = (
  command: CreateSmartOrder,
  market: Pick<MarketSpec, 'tickSize' | 'stepSize'>,
): ValidationIssue[] => {
  const cmd = withLadderEntry(command);
  return [
    ...withinGrid('quantity', cmd.quantity, market.stepSize, 'step'),
    ...(cmd.entry.type === 'LIMIT'
      ? withinGrid('entry.price', cmd.entry.price, market.tickSize, 'tick')
      : []),
    ...(cmd.entries ?? []).flatMap((l, i) =>
      l.price === undefined
        ? []
        : withinGrid(`entries[${i}].price`, l.price, market.tickSize, 'tick'),
    ),
    ...(cmd.entry.type === 'TRAILING' && cmd.entry.activationPrice !== undefined
      ? withinGrid('entry.activationPrice', cmd.entry.activationPrice, market.tickSize, 'tick')
      : []),
    ...cmd.takeProfits.flatMap((l, i) =>
      l.price === undefined
        ? []
        : withinGrid(`takeProfits[${i}].price`, l.price, market.tickSize, 'tick'),
    ),
    ...(cmd.stopLoss?.price === undefined
      ? []
      : withinGrid('stopLoss.price', cmd.stopLoss.price, market.tickSize, 'tick')),
    ...(cmd.trailing?.activationPrice === undefined
      ? []
      : withinGrid(
          'trailing.activationPrice',
          cmd.trailing.activationPrice,
          market.tickSize,
          'tick',
        )),
  ];
};
