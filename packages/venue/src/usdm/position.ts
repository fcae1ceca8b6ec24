import { add, mul, sub } from '@smart-orders/core';
import type { OrderSide } from '../venueOrder';
import type { PositionSide } from './futuresOrder';

/**
 * A position as Binance reports it: `amount` signed (negative short; a SHORT position in
 * hedge mode is negative too), at an average entry price.
 */
export interface Position {
  readonly amount: number;
  readonly entryPrice: number;
}

export const FLAT: Position = { amount: 0, entryPrice: 0 };

export interface PositionFill {
  readonly position: Position;
  /** Profit or loss realized by the part of the fill that reduced the position. */
  readonly realized: number;
  /** How much of the fill reduced the position. */
  readonly closed: number;
}

/**
 * A fill applied to one position: what adds to it moves the average entry, what reduces it
 * realizes (price − entry) × amount closed, and a one-way (BOTH) position may flip through
 * zero, the rest opening at the fill price. Hedge-mode sides never flip: the caller refuses a
 * close larger than the position.
 */
export const applyFill = (
  p: Position,
  side: OrderSide,
  qty: number,
  price: number,
): PositionFill => {
  const delta = side === 'BUY' ? qty : -qty;
  if (p.amount === 0 || Math.sign(p.amount) === Math.sign(delta)) {
    const amount = add(p.amount, delta);
    const entryPrice =
      p.amount === 0
        ? price
        : add(mul(Math.abs(p.amount), p.entryPrice), mul(qty, price)) / Math.abs(amount);
    return { position: { amount, entryPrice }, realized: 0, closed: 0 };
  }
  const closed = Math.min(qty, Math.abs(p.amount));
  const realized = mul(mul(closed, sub(price, p.entryPrice)), Math.sign(p.amount));
  const amount = add(p.amount, delta);
  const position: Position =
    amount === 0
      ? FLAT
      : Math.sign(amount) === Math.sign(p.amount)
        ? { amount, entryPrice: p.entryPrice }
        : { amount, entryPrice: price };
  return { position, realized, closed };
};

/** Unrealized profit or loss at the mark price. */
export const unrealized = (p: Position, mark: number): number =>
  mul(p.amount, sub(mark, p.entryPrice));

/** The side an order trades on: a buy adds to LONG and closes SHORT, a sell the other way. */
export const reduces = (positionSide: PositionSide, side: OrderSide, p: Position): boolean =>
  positionSide === 'LONG'
    ? side === 'SELL'
    : positionSide === 'SHORT'
      ? side === 'BUY'
      : p.amount !== 0 && (side === 'BUY') !== p.amount > 0;
