import Big from 'big.js';
import { accountEvent, type AccountEvent } from './accountEvent';
import { own, type PositionReport, type SpotBalance } from './accountRules';
import type { AccountState } from './accountState';
import { workingSymbols } from './workingOrders';

/**
 * The account's own position on spot (SEMANTICS §7 v2). A spot exchange reports balances, not
 * positions: the engine's position in `ETH/USDT` is what its fills bought or sold, so the
 * balance of ETH it compares and flattens is the balance above a baseline, the ETH that is not
 * the engine's. The baseline is recorded at a reconciliation while the engine holds nothing in
 * that asset (no position, no working order, no flatten), so coins bought, sold or moved by hand
 * between runs become the new baseline; while the engine holds something, the baseline stands
 * and any change its fills do not explain is a difference.
 */

type Steps = Readonly<Record<string, number>>;

export const baseAssetOf = (symbol: string): string => symbol.split('/')[0] ?? symbol;

const negligible = (quantity: Big, symbol: string, stepSizes: Steps): boolean => {
  const step = own(stepSizes, symbol);
  return quantity.eq(0) || (step !== undefined && quantity.abs().lt(step));
};

/** The engine holds something in `asset`: a position of one step or more, a working order, a flatten. */
const exposedIn = (state: AccountState, asset: string, stepSizes: Steps): boolean =>
  state.flatten !== null ||
  Object.entries(state.positions).some(
    ([symbol, p]) =>
      baseAssetOf(symbol) === asset && !negligible(new Big(p.quantity), symbol, stepSizes),
  ) ||
  workingSymbols(state.workingOrders).some((symbol) => baseAssetOf(symbol) === asset);

/** The balance reported for each base asset (several symbols of one base report the same). */
const balancesByAsset = (spotBalances: readonly SpotBalance[]): Map<string, number> =>
  new Map(spotBalances.map((b) => [baseAssetOf(b.symbol), b.balance]));

/**
 * `BalanceBaselineRecorded` for each asset the engine holds nothing in whose balance is not its
 * baseline already. Decided at a reconciliation only: a flatten's poll never moves a baseline.
 */
export const recordBaselines = (
  state: AccountState,
  ts: number,
  spotBalances: readonly SpotBalance[],
  stepSizes: Steps = {},
): AccountEvent[] =>
  [...balancesByAsset(spotBalances)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([asset, balance]) => {
      const previous = own(state.baselines, asset);
      if (previous === balance || exposedIn(state, asset, stepSizes)) return [];
      return [
        accountEvent('BalanceBaselineRecorded', ts, {
          asset,
          quantity: balance,
          previous: previous ?? null,
        }),
      ];
    });

/**
 * The account's own positions read from spot balances: per asset, the balance above its
 * baseline. Each symbol of the asset is given the position the log expects of it, and the
 * first symbol (by name) what is left, so that with one symbol per asset (the common case)
 * it carries the whole difference. An asset with no baseline yet (a stream written before
 * baselines) takes the log's positions as its own, as far as the balance covers them: the rest
 * of the balance is not the engine's.
 */
export const ownSpotPositions = (
  state: AccountState,
  spotBalances: readonly SpotBalance[],
): PositionReport[] => {
  const symbolsOf = new Map<string, Set<string>>();
  const add = (symbol: string) => {
    const asset = baseAssetOf(symbol);
    symbolsOf.set(asset, (symbolsOf.get(asset) ?? new Set()).add(symbol));
  };
  spotBalances.forEach((b) => add(b.symbol));
  const expected = (symbol: string) => new Big(own(state.positions, symbol)?.quantity ?? 0);
  const reports: PositionReport[] = [];
  for (const [asset, balance] of balancesByAsset(spotBalances)) {
    for (const symbol of Object.keys(state.positions))
      if (baseAssetOf(symbol) === asset) add(symbol);
    const symbols = [...(symbolsOf.get(asset) ?? [])].sort();
    const logged = symbols.reduce((sum, s) => sum.plus(expected(s)), new Big(0));
    const baseline = own(state.baselines, asset);
    const ownTotal =
      baseline !== undefined
        ? new Big(balance).minus(baseline)
        : logged.gt(balance)
          ? new Big(balance)
          : logged;
    const rest = ownTotal.minus(logged);
    symbols.forEach((symbol, i) => {
      const quantity = i === 0 ? expected(symbol).plus(rest) : expected(symbol);
      if (!quantity.eq(0)) reports.push({ symbol, quantity: quantity.toNumber() });
    });
  }
  return reports;
};
