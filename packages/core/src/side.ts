export type Side = 'BUY' | 'SELL';

/**
 * Every rule is written once, for a long, and mirrored for a short through these helpers:
 * "above" means in the position's favour, "below" against it.
 */
export const isLong = (side: Side): boolean => side === 'BUY';

export const opposite = (side: Side): Side => (side === 'BUY' ? 'SELL' : 'BUY');

/** `a` is at or beyond `b` in the position's favour (≥ for a long, ≤ for a short). */
export const reachedFavourably = (side: Side, a: number, b: number): boolean =>
  side === 'BUY' ? a >= b : a <= b;

/** `a` is at or beyond `b` against the position (≤ for a long, ≥ for a short). */
export const reachedAdversely = (side: Side, a: number, b: number): boolean =>
  side === 'BUY' ? a <= b : a >= b;

/** `a` is strictly better than `b` for the position. */
export const better = (side: Side, a: number, b: number): boolean =>
  side === 'BUY' ? a > b : a < b;

/** The tighter of two stops: the higher for a long, the lower for a short. */
export const tighterStop = (side: Side, a: number, b: number): number =>
  side === 'BUY' ? Math.max(a, b) : Math.min(a, b);

export const sideWord = (side: Side): string => (side === 'BUY' ? 'a BUY' : 'a SELL');
