import type { Command } from '../commands/command';
import type { ExecutionReport } from '../commands/executionReport';
import type { Tick } from '../commands/tick';
import type { OrderEvent } from '../events/orderEvent';
import { createFillModel } from '../fillModel/createFillModel';
import type { Fill } from '../fillModel/fill';
import type { FillModelConfig } from '../fillModel/fillModelConfig';
import { EMPTY_PRINT_HISTORY, type PrintHistory } from '../fillModel/printScreen';
import { tickBudget, type TickBudget } from '../fillModel/tickBudget';
import type { WorkingOrder } from '../fillModel/workingOrder';
import { opposite } from '../side';
import { isTerminal, type OrderState, type State } from '../state/orderState';
import type { World } from './deciderSpecification';

/**
 * The paper exchange's answers in a given / when / then scenario, through the core's one fill
 * model (SEMANTICS §9.4) set as `config` says over the spec's defaults (`DEFAULT_FILL_MODEL`:
 * 10 / 10 bps in the asset received, fills limited to the printed size), as the paper exchange
 * answers the engine:
 *
 * - a tick first fills what works on the exchange (a market entry, a limit entry it reaches, a
 *   flatten, the rest of an exit a print was too small for, a native stop it trades through),
 *   then reaches the order, unless a fill ended it or the print is not the market;
 * - an exit or trailing entry sent at its trigger meets that tick's price, with what the tick's
 *   printed size has left;
 * - every fill pays the schedule's fee (none when it is zero, as the paper exchange reports it),
 *   takes at most what the tick printed, and meets only ticks at or after its send time plus the
 *   latency;
 * - a cancel is confirmed at once, a native stop accepted at once.
 *
 * What works on the exchange is read from the order's state (as the engine sends again after a
 * restart), so a scenario may answer for the exchange itself (a report it sends is the order's
 * fill) and may start from any history. The world remembers only what the state cannot say:
 * when each order was sent, which stops have fired, the current tick's print left, and the
 * prints the deviation filter looks back on.
 */
export const paperFills = (
  config: Partial<FillModelConfig> = {},
): Required<World<Command, State, OrderEvent>> => {
  const model = createFillModel(config);
  /** When each order was sent, and how much: an exit's is its intent's, not its level's. */
  const sent = new Map<string, { ts: number; quantity: number | undefined }>();
  const fired = new Set<string>();
  const current = new Map<string, { tick: Tick; budget: TickBudget }>();
  let history: PrintHistory = EMPTY_PRINT_HISTORY;
  /** The tick as the screen let it through, for the command that brought it; null: screened out. */
  let admitted: { raw: Command; tick: Tick | null } | null = null;

  const working = (s: OrderState): WorkingOrder[] =>
    workingOrders(s).map((w) => {
      const known = sent.get(w.clientOrderId);
      return {
        ...w,
        sentAt: known?.ts ?? w.sentAt,
        ...(known?.quantity === undefined ? {} : { quantity: known.quantity }),
        ...(fired.has(w.clientOrderId) ? { fired: true } : {}),
      };
    });

  const match = (s: OrderState, tick: Tick, budget: TickBudget, orders: WorkingOrder[]) => {
    const matched = model.match(tick, budget, orders);
    for (const w of matched.orders) if (w.fired === true) fired.add(w.clientOrderId);
    return { reports: matched.fills.map((f) => reportOf(s, f)), budget: matched.budget };
  };

  const before = (command: Command, state: State): Command[] => {
    if (command.type !== 'Tick') return [];
    const screened = model.screen(history, command);
    history = screened.history;
    admitted = { raw: command, tick: screened.tick };
    if (screened.tick === null) return [];
    const tick = screened.tick;
    const fresh = { tick, budget: model.budget(tick) };
    current.set(tick.symbol, fresh);
    if (state === null || state.spec.symbol !== tick.symbol) return [];
    const { reports, budget } = match(state, tick, fresh.budget, working(state));
    fresh.budget = budget;
    return reports;
  };

  const admit = (command: Command, state: State): Command | null => {
    if (command.type !== 'Tick') return command;
    // The engine hands a tick only to an open order: one that a fill at this tick ended misses it.
    if (state !== null && isTerminal(state)) return null;
    return admitted?.raw === command ? admitted.tick : command;
  };

  /**
   * An order sent at its trigger meets the tick that triggered it, at the trigger price, with
   * what that tick's print has left; without such a tick, its trigger price alone, unlimited.
   */
  const atTrigger = (
    s: OrderState,
    clientOrderId: string,
    price: number,
    ts: number,
  ): Command[] => {
    const order = working(s).find((w) => w.clientOrderId === clientOrderId);
    if (order === undefined) return [];
    const now = current.get(s.spec.symbol);
    if (now === undefined || now.tick.ts !== ts) {
      const tick: Tick = { type: 'Tick', symbol: s.spec.symbol, ts, price };
      return match(s, tick, tickBudget(tick, false), [order]).reports;
    }
    const t = now.tick;
    const tick: Tick =
      t.price !== undefined
        ? { ...t, price }
        : order.side === 'BUY'
          ? { ...t, ask: price }
          : { ...t, bid: price };
    const { reports, budget } = match(s, tick, now.budget, [order]);
    now.budget = budget;
    return reports;
  };

  const respond = (e: OrderEvent, state: State): Command[] => {
    if (state === null) return [];
    for (const [cid, quantity] of sentBy(e, state))
      if (!sent.has(cid)) sent.set(cid, { ts: e.ts, quantity });
    switch (e.type) {
      case 'EntryTriggered':
        return atTrigger(state, state.spec.entryClientOrderId, e.data.price, e.ts);
      case 'TpTriggered':
      case 'StopLossTriggered':
      case 'StopLossRetried':
        return e.data.quantity > 0 && e.data.price !== null
          ? atTrigger(state, e.data.clientOrderId, e.data.price, e.ts)
          : [];
      case 'NativeStopPlaced':
        return [
          answer(state, e.data.clientOrderId, e.ts, {
            execType: 'NEW',
            exchangeOrderId: exchangeOrderIdOf(e.data.clientOrderId),
          }),
        ];
      case 'OcoCancelled':
      case 'EntriesCancelled':
      case 'NativeStopCancelled':
        return cancelled(state, e.data.clientOrderIds, e.ts);
      default:
        return [];
    }
  };

  return { before, admit, respond };
};

const exchangeOrderIdOf = (clientOrderId: string): string => `paper-${clientOrderId}`;

const answer = (
  s: OrderState,
  clientOrderId: string,
  ts: number,
  fields: Omit<ExecutionReport, 'type' | 'orderId' | 'ts' | 'clientOrderId'>,
): ExecutionReport => ({
  type: 'ExecutionReport',
  orderId: s.spec.orderId,
  ts,
  clientOrderId,
  ...fields,
});

const reportOf = (s: OrderState, f: Fill): ExecutionReport =>
  answer(s, f.clientOrderId, f.ts, {
    execType: 'TRADE',
    lastPrice: f.price,
    lastQuantity: f.quantity,
    cumulativeQuantity: f.cumulativeQuantity,
    exchangeOrderId: exchangeOrderIdOf(f.clientOrderId),
    // Nothing charged is no fee, as the paper exchange reports it.
    ...(f.fee.amount === 0 ? {} : { fee: f.fee }),
  });

/** The cancels the exchange confirms: each order still resting, with what it filled. */
const cancelled = (s: OrderState, clientOrderIds: readonly string[], ts: number): Command[] => {
  const resting = new Map(workingOrders(s, true).map((w) => [w.clientOrderId, w]));
  return clientOrderIds.flatMap((cid) => {
    const w = resting.get(cid);
    return w === undefined
      ? []
      : [answer(s, cid, ts, { execType: 'CANCELED', cumulativeQuantity: w.filledQuantity })];
  });
};

/**
 * The orders an event sends to the exchange, by client order id, with the quantity an exit is
 * sent for (an entry's and a native stop's are the state's).
 */
const sentBy = (e: OrderEvent, s: OrderState): [string, number | undefined][] => {
  switch (e.type) {
    case 'SmartOrderCreated':
      return (
        e.data.entries?.map((l) => [l.clientOrderId, undefined]) ??
        (e.data.entry.type === 'TRAILING' ? [] : [[e.data.entryClientOrderId, undefined]])
      );
    case 'EntryTriggered':
      return [[s.spec.entryClientOrderId, undefined]];
    case 'TpTriggered':
    case 'StopLossTriggered':
    case 'StopLossRetried':
    case 'FlattenTriggered':
      return [[e.data.clientOrderId, e.data.quantity]];
    case 'NativeStopPlaced':
      return [[e.data.clientOrderId, undefined]];
    default:
      return [];
  }
};

/**
 * What of the order works on the exchange, in the order it was sent (the entry, its ladder's
 * levels, the native stops, the take-profits' exits, the stop's and a flatten's exits), with
 * what each has filled: the orders the engine would send again after a restart. With
 * `cancelling`, also the orders whose cancel is asked for and not yet confirmed.
 */
const workingOrders = (s: OrderState, cancelling = false): WorkingOrder[] => {
  const { spec } = s;
  const exitSide = opposite(spec.side);
  const base = {
    symbol: spec.symbol,
    sentAt: 0,
    stepSize: spec.market.stepSize,
    tickSize: spec.market.tickSize,
  };
  const entry = (
    clientOrderId: string,
    price: number | null,
    quantity: number,
    filledQuantity: number,
  ): WorkingOrder => ({
    ...base,
    clientOrderId,
    side: spec.side,
    type: price === null ? 'MARKET' : 'LIMIT',
    ...(price === null ? {} : { price }),
    quantity,
    filledQuantity,
    reduceOnly: false,
    sentAt: s.createdTs,
  });
  const exit = (clientOrderId: string, quantity: number, filledQuantity: number): WorkingOrder => ({
    ...base,
    clientOrderId,
    side: exitSide,
    type: 'MARKET',
    quantity,
    filledQuantity,
    reduceOnly: true,
  });
  const orders: WorkingOrder[] = [];
  if (s.entryWorking && s.entryLevels === null) {
    const price = spec.entry.type === 'LIMIT' ? spec.entry.price : null;
    orders.push(entry(spec.entryClientOrderId, price, spec.quantity, s.entryFilledQuantity));
  }
  for (const l of s.entryLevels ?? []) {
    if (l.working && (cancelling || l.status === 'WORKING'))
      orders.push(entry(l.clientOrderId, l.price, l.quantity, l.filledQuantity));
  }
  for (const o of s.nativeStop?.orders ?? []) {
    if (cancelling || !o.cancelling)
      orders.push({
        ...base,
        clientOrderId: o.clientOrderId,
        side: exitSide,
        type: 'STOP',
        stopPrice: o.stopPrice,
        quantity: o.quantity,
        filledQuantity: o.filledQuantity,
        reduceOnly: true,
      });
  }
  for (const l of s.takeProfits) {
    if (l.working && l.clientOrderId !== null && (cancelling || l.status !== 'CANCELLED'))
      orders.push(exit(l.clientOrderId, l.quantity, l.filledQuantity));
  }
  for (const x of s.exits) orders.push(exit(x.clientOrderId, x.quantity, x.filledQuantity));
  return orders.filter((o) => o.filledQuantity < o.quantity);
};
