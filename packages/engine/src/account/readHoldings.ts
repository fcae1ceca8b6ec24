import { right, type Either } from 'fp-ts/Either';
import type { Exchange, ExchangeError, Holdings, Position } from '../ports/exchange';

export type HoldingsReader = (
  symbols: readonly string[],
) => Promise<Either<ExchangeError, Holdings>>;

/**
 * What a live exchange holds, for a flatten's poll and the reconciliation gate. A derivatives
 * venue reports positions; a spot venue has none, so the position of `BASE/QUOTE` is the whole
 * base-asset balance (free and locked): a spot account's base holdings are its exposure.
 * A venue that refuses the positions endpoint (a spot-only key, a local venue) is read from its
 * balances from then on: asking again would cost its retries on every poll.
 */
export const createHoldingsReader = (exchange: Exchange): HoldingsReader => {
  let positionsRefused = false;
  return async (symbols) => {
    let positions: readonly Position[] = [];
    if (!positionsRefused) {
      const reported = await exchange.positions();
      if (reported._tag === 'Left') positionsRefused = true;
      else positions = reported.right.filter((p) => p.quantity !== 0);
    }
    if (positions.length === 0 && symbols.length > 0) {
      const balances = await exchange.balances();
      if (balances._tag === 'Left') return balances;
      positions = symbols.flatMap((symbol) => {
        const base = symbol.split('/')[0];
        const held = balances.right.find((b) => b.asset === base);
        const quantity = held === undefined ? 0 : held.free + held.used;
        return quantity === 0 ? [] : [{ symbol, quantity }];
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
    return right({ positions, workingOrders: working });
  };
};
