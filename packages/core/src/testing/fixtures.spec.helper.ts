import { clientOrderId, PURPOSE } from '../clientOrderId';
import type { CreateSmartOrder } from '../commands/createSmartOrder';
import type { ExecutionReport } from '../commands/executionReport';
import type { Tick } from '../commands/tick';
import { smartOrderDecider } from '../decider';
import type { Side } from '../side';
import { deciderSpecification } from './deciderSpecification';
import { NO_FEES } from '../fillModel/feeSchedule';
import { paperFills } from './paperFills';

/**
 * Scenarios of the core's specs: one order `o-1` on BTC/USDT, a BUY ladder around 100 and its
 * SELL mirror (`px` reflects a long's price around 100, so one scenario is written once and
 * run for both sides). Timestamps are small integers: 1 create, 2 entry fill, ticks from 10.
 */
export const ORDER_ID = 'o-1';
export const SYMBOL = 'BTC/USDT';

export const exchangeOnly = deciderSpecification(smartOrderDecider);
/**
 * The paper exchange's fill model with no fee: the rules' scenarios are about the rules, and the
 * fee rules have scenarios of their own. Their ticks carry no size, so fills are whole.
 */
export const paper = deciderSpecification(smartOrderDecider, {
  world: () => paperFills({ fees: NO_FEES }),
});

export const SIDES: readonly Side[] = ['BUY', 'SELL'];

/** What a terminal event settles when no fee was charged: net is gross, no dust. */
export const settled = (gross: number) => ({
  realisedPnl: { gross, fees: 0, net: gross },
  feesUnvalued: [],
  dust: 0,
});

/** A long's price for a BUY, its mirror image around 100 for a SELL. */
export const mirror =
  (side: Side) =>
  (price: number): number =>
    side === 'BUY' ? price : Math.round((200 - price) * 1e8) / 1e8;

export const entryCid = clientOrderId(ORDER_ID, PURPOSE.entry, 0, 1);
export const tpCid = (level: number, attempt = 1): string =>
  clientOrderId(ORDER_ID, PURPOSE.takeProfit, level, attempt);
export const stopCid = (attempt = 1): string =>
  clientOrderId(ORDER_ID, PURPOSE.stopLoss, 0, attempt);
export const flattenCid = (attempt = 1): string =>
  clientOrderId(ORDER_ID, PURPOSE.flatten, 0, attempt);

/** The 3-level ladder of the spec: 105 / 40 %, 110 / 35 %, 120 / 25 %, stop 95, entry limit 100. */
export const aSmartOrder = (
  side: Side = 'BUY',
  overrides: Partial<CreateSmartOrder> = {},
): CreateSmartOrder => {
  const px = mirror(side);
  return {
    type: 'CreateSmartOrder',
    orderId: ORDER_ID,
    ts: 1,
    exchange: 'paper',
    symbol: SYMBOL,
    side,
    quantity: 1,
    entry: { type: 'LIMIT', price: 100 },
    takeProfits: [
      { price: px(105), sizePct: 40 },
      { price: px(110), sizePct: 35 },
      { price: px(120), sizePct: 25 },
    ],
    stopLoss: { price: px(95) },
    ...overrides,
  };
};

export const tick = (price: number, ts = 10, extra: Partial<Tick> = {}): Tick => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts,
  price,
  ...extra,
});

export const report = (
  cid: string,
  execType: ExecutionReport['execType'],
  fields: Partial<ExecutionReport> = {},
): ExecutionReport => ({
  type: 'ExecutionReport',
  orderId: ORDER_ID,
  ts: fields.ts ?? 5,
  clientOrderId: cid,
  execType,
  ...fields,
});

/** A TRADE report: `cumulative` is what the order has filled in all, `last` this fill. */
export const trade = (
  cid: string,
  price: number,
  cumulative: number,
  ts = 5,
  last = cumulative,
): ExecutionReport =>
  report(cid, 'TRADE', {
    ts,
    lastPrice: price,
    lastQuantity: last,
    cumulativeQuantity: cumulative,
  });

export const entryFill = (price = 100, quantity = 1, ts = 2): ExecutionReport =>
  trade(entryCid, price, quantity, ts);

/** A created order whose entry filled in full at `entryPrice`. */
export const activeOrder = (
  side: Side = 'BUY',
  overrides: Partial<CreateSmartOrder> = {},
  entryPrice = 100,
) =>
  exchangeOnly.history(
    aSmartOrder(side, overrides),
    entryFill(entryPrice, overrides.quantity ?? 1),
  );
