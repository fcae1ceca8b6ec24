import { add, mul } from '@smart-orders/core';
import type { VenueMarket } from '../venueMarket';
import type { PositionSide } from './futuresOrder';
import { FLAT, unrealized, type Position } from './position';

export type MarginType = 'CROSSED' | 'ISOLATED';

export interface PositionLine extends Position {
  readonly symbol: string;
  readonly positionSide: PositionSide;
}

/**
 * A USDⓈ-M account: a wallet in the settlement asset, positions per symbol and side, the
 * leverage and margin type of each symbol and the position mode. Margin is cross whatever the
 * margin type says (the type is kept and reported, not modelled); no funding is ever paid.
 */
export interface FuturesAccount {
  readonly asset: string;
  wallet(): number;
  credit(amount: number): void;
  position(symbol: string, side: PositionSide): Position;
  setPosition(symbol: string, side: PositionSide, p: Position): void;
  positions(): readonly PositionLine[];
  leverage(symbol: string): number;
  setLeverage(symbol: string, leverage: number): void;
  marginType(symbol: string): MarginType;
  setMarginType(symbol: string, type: MarginType): void;
  dualSide(): boolean;
  setDualSide(dual: boolean): void;
  /** Σ unrealized profit at the marks. */
  unrealizedProfit(mark: (symbol: string) => number): number;
  /** Σ |amount| × mark / leverage. */
  positionMargin(mark: (symbol: string) => number): number;
}

export const DEFAULT_LEVERAGE = 20;
export const MAX_LEVERAGE = 125;

export const createFuturesAccount = (
  markets: readonly VenueMarket[],
  asset: string,
  balance: number,
): FuturesAccount => {
  let wallet = balance;
  let dual = false;
  const positions = new Map<string, PositionLine>();
  const leverages = new Map<string, number>(markets.map((m) => [m.id, DEFAULT_LEVERAGE]));
  const marginTypes = new Map<string, MarginType>(markets.map((m) => [m.id, 'CROSSED']));
  const key = (symbol: string, side: PositionSide) => `${symbol}|${side}`;
  const open = () => [...positions.values()].filter((p) => p.amount !== 0);
  return {
    asset,
    wallet: () => wallet,
    credit: (amount) => {
      wallet = add(wallet, amount);
    },
    position: (symbol, side) => positions.get(key(symbol, side)) ?? FLAT,
    setPosition: (symbol, side, p) => {
      positions.set(key(symbol, side), { symbol, positionSide: side, ...p });
    },
    positions: open,
    leverage: (symbol) => leverages.get(symbol) ?? DEFAULT_LEVERAGE,
    setLeverage: (symbol, leverage) => void leverages.set(symbol, leverage),
    marginType: (symbol) => marginTypes.get(symbol) ?? 'CROSSED',
    setMarginType: (symbol, type) => void marginTypes.set(symbol, type),
    dualSide: () => dual,
    setDualSide: (d) => {
      dual = d;
    },
    unrealizedProfit: (mark) =>
      open().reduce((sum, p) => add(sum, unrealized(p, mark(p.symbol))), 0),
    positionMargin: (mark) =>
      open().reduce(
        (sum, p) =>
          add(sum, mul(Math.abs(p.amount), mark(p.symbol)) / (leverages.get(p.symbol) ?? 20)),
        0,
      ),
  };
};
