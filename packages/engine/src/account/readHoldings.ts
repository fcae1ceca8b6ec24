import { right, type Either } from 'fp-ts/Either';
import { baseAssetOf, type SpotBalance } from '@smart-orders/core';
import type { Exchange, ExchangeError, Holdings, Position } from '../ports/exchange';

/**
 * What the exchange holds. `spotBalances`: on spot, each traded symbol's base-asset balance,
 * from which the account decider reads the account's own position (SEMANTICS §7 v2); then
 * `positions` lists none of them.
 */
export interface AccountHoldings extends Holdings {
  readonly spotBalances?: readonly SpotBalance[];
  /** The account's version when the reading began: a flatten sizes exits on it (`FlattenProgress`). */
  readonly readFrom?: number;
}

export type HoldingsReader = (
  symbols: readonly string[],
) => Promise<Either<ExchangeError, AccountHoldings>>;

/**
 * What a live exchange holds, for a flatten's poll and the reconciliation gate. A derivatives
 * venue reports positions; a spot venue has none, so for `BASE/QUOTE` it reports the whole
 * base-asset balance (free and locked), of which the decider counts only what is above the
 * account's baseline: coins held outside the engine are not its position.
 * A venue that refuses the positions endpoint (a spot-only key, a local venue) is read from its
 * balances from then on: asking again would cost its retries on every poll.
 */
export const createHoldingsReader = (exchange: Exchange): HoldingsReader => {
  let positionsRefused = false;
  return async (symbols) => {
    let positions: readonly Position[] = [];
    let spotBalances: SpotBalance[] = [];
    if (!positionsRefused) {
      const reported = await exchange.positions();
      if (reported._tag === 'Left') positionsRefused = true;
      else positions = reported.right.filter((p) => p.quantity !== 0);
    }
    if (positions.length === 0 && symbols.length > 0) {
      const balances = await exchange.balances();
      if (balances._tag === 'Left') return balances;
      spotBalances = symbols.map((symbol) => {
        const held = balances.right.find((b) => b.asset === baseAssetOf(symbol));
        return held === undefined
          ? { symbol, balance: 0, free: 0 }
          : { symbol, balance: held.free + held.used, free: held.free };
      });
    }
    const working: { clientOrderId: string; symbol: string }[] = [];
    for (const symbol of symbols.length === 0 ? [undefined] : symbols) {
      const open = await exchange.openOrders(symbol);
      if (open._tag === 'Left') return open;
      // An order placed by hand may have no client order id: its exchange id names it.
      for (const o of open.right)
        working.push({ clientOrderId: o.clientOrderId || o.exchangeOrderId, symbol: o.symbol });
    }
    return right({ positions, workingOrders: working, spotBalances });
  };
};
