import type { OrderLog } from '../orderLog';
import type { FuturesEngine } from './futuresEngine';
import { algoOrderJson, futuresOrderJson } from './futuresMessages';
import { isAlgoOpen, isFuturesOpen } from './futuresOrder';

const isAlgoEntry = (type: string | null) =>
  type === 'STOP_MARKET' || type === 'TAKE_PROFIT_MARKET';

/**
 * `/control/orders` of a perpetuals venue, whichever dialect it speaks: each create request
 * logged, with where its order (or conditional order) stands now.
 */
export const futuresControlOrders = (engine: FuturesEngine, orderLog: OrderLog) => {
  const orders = new Map(engine.orders().map((o) => [o.orderId, o]));
  const algos = new Map(engine.algos().map((a) => [a.algoId, a]));
  return orderLog.entries().map((entry) => {
    if (entry.orderId === null) return { ...entry, order: null };
    if (isAlgoEntry(entry.type)) {
      const a = algos.get(entry.orderId);
      return {
        ...entry,
        order: a === undefined ? null : { algoStatus: a.algoStatus, executedQty: a.executedQty },
      };
    }
    const o = orders.get(entry.orderId);
    return {
      ...entry,
      order:
        o === undefined
          ? null
          : { status: o.status, executedQty: o.executedQty, cumulativeQuoteQty: o.cumQuote },
    };
  });
};

/** `/control/account` of a perpetuals venue: the wallet, the positions held, the working orders. */
export const futuresControlAccount = (engine: FuturesEngine) => {
  const { account } = engine;
  return {
    balances: [
      {
        asset: account.asset,
        free: engine.availableBalance(),
        locked: 0,
        total: account.wallet(),
      },
    ],
    positions: account.positions().map((p) => ({
      symbol: engine.market(p.symbol)?.symbol ?? p.symbol,
      positionSide: p.positionSide,
      quantity: p.amount,
      entryPrice: p.entryPrice,
    })),
    workingOrders: [
      ...engine
        .orders()
        .filter((o) => isFuturesOpen(o))
        .map(futuresOrderJson),
      ...engine.algos().filter(isAlgoOpen).map(algoOrderJson),
    ],
  };
};
