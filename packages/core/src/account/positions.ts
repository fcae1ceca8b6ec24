import Big from 'big.js';
import type { Side } from '../side';
import { own } from './accountRules';
import type { AccountState, Position } from './accountState';

/**
 * P&L is kept to 8 decimals: quote currencies do not go finer, and an average cost of 12
 * decimals (94.545454545455) must not print a loss of 600 as 600.000000000005.
 */
const PNL_DP = 8;

/**
 * Positions at average cost, in exact decimals. A fill in the position's direction (or on a
 * flat symbol) grows it at the weighted average price; a fill against it realises
 * (price − average) × closed quantity, and whatever exceeds the position opens the other way
 * at the fill price.
 */
export interface FillOutcome {
  readonly position: Position;
  readonly realisedPnl: number;
}

export const applyFill = (
  before: Position | undefined,
  side: Side,
  price: number,
  quantity: number,
): FillOutcome => {
  const held = new Big(before?.quantity ?? 0);
  const delta = side === 'BUY' ? new Big(quantity) : new Big(quantity).neg();
  const after = held.plus(delta);
  const average = before?.averagePrice ?? null;
  const growing = held.eq(0) || held.gt(0) === delta.gt(0);
  if (growing) {
    // A position adopted without a cost keeps an unknown cost: a guess would fake its P&L.
    const cost = held.eq(0)
      ? price
      : average === null
        ? null
        : held
            .abs()
            .times(average)
            .plus(delta.abs().times(price))
            .div(after.abs())
            .round(12)
            .toNumber();
    return {
      position: { quantity: after.toNumber(), averagePrice: cost, mark: price },
      realisedPnl: 0,
    };
  }
  const closed = delta.abs().lt(held.abs()) ? delta.abs() : held.abs();
  const realised =
    average === null
      ? new Big(0)
      : new Big(price)
          .minus(average)
          .times(closed)
          .times(held.gt(0) ? 1 : -1);
  const averageAfter = after.eq(0) ? null : after.gt(0) === held.gt(0) ? average : price;
  return {
    position: { quantity: after.toNumber(), averagePrice: averageAfter, mark: price },
    realisedPnl: realised.round(PNL_DP).toNumber(),
  };
};

/** (mark − average) × signed quantity; 0 without a cost or a mark. */
export const unrealisedPnl = (position: Position, mark: number | null): number =>
  mark === null || position.averagePrice === null
    ? 0
    : new Big(mark).minus(position.averagePrice).times(position.quantity).round(PNL_DP).toNumber();

/** The marks the decider values positions at: the command's prices first, then the recorded ones. */
export const marksOf = (
  state: AccountState,
  prices: Readonly<Record<string, number>> = {},
): Record<string, number> => {
  const marks: Record<string, number> = {};
  for (const [symbol, position] of Object.entries(state.positions)) {
    const mark = own(prices, symbol) ?? position.mark;
    if (mark !== null) marks[symbol] = mark;
  }
  return marks;
};

export const totalUnrealisedPnl = (
  state: AccountState,
  marks: Readonly<Record<string, number>>,
): number =>
  Object.entries(state.positions)
    .reduce(
      (acc, [symbol, position]) =>
        acc.plus(unrealisedPnl(position, own(marks, symbol) ?? position.mark)),
      new Big(0),
    )
    .toNumber();

/**
 * The session's P&L, marked to market: realised in the session, plus unrealised now, minus the
 * unrealised that the positions carried into the session already had. A position held over
 * midnight counts only what it moved since the session began.
 */
export const sessionPnl = (
  state: AccountState,
  marks: Readonly<Record<string, number>>,
): number | null => {
  const session = state.session;
  if (session === null) return null;
  const unrealised = totalUnrealisedPnl(state, marks);
  return new Big(session.realisedPnl)
    .plus(unrealised)
    .minus(session.carriedUnrealisedPnl)
    .toNumber();
};

export const openPositions = (
  state: AccountState,
): { readonly symbol: string; readonly quantity: number }[] =>
  Object.entries(state.positions)
    .filter(([, p]) => p.quantity !== 0)
    .map(([symbol, p]) => ({ symbol, quantity: p.quantity }))
    .sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
