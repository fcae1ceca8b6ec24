import { inWorld, paperFills } from '@smart-orders/core/testing';
import {
  decide,
  NO_FEES,
  evolve,
  orderView,
  type Command,
  type OrderEvent,
  type OrderView,
  type State,
} from '@smart-orders/core';
import type { StoredEvent } from '@smart-orders/engine';

/**
 * The envelopes a store would hold after these commands, decided by the real core with the
 * paper exchange's fills (the core's fill model, no fee) answering every order, so that output
 * tests read what the engine writes.
 * An entry is filled by sending `{ fillEntry: price, ts }` for its order.
 */
export type Step =
  Command | { readonly fillEntry: number; readonly orderId: string; readonly ts: number };

export const storedEvents = (steps: readonly Step[]): StoredEvent[] => {
  const states = new Map<string, State>();
  const worlds = new Map<string, (command: Command) => void>();
  const out: StoredEvent[] = [];
  const decideFor =
    (id: string) =>
    (command: Command): OrderEvent[] => {
      const decided = decide(command, states.get(id) ?? null);
      if (decided._tag === 'Left')
        throw new Error(`${command.type} refused: ${decided.left.message}`);
      for (const e of decided.right) {
        const state = evolve(states.get(id) ?? null, e);
        states.set(id, state);
        out.push({
          position: out.length + 1,
          stream: `smart-order-${id}`,
          orderId: id,
          version: state?.version ?? 0,
          ts: e.ts,
          type: e.type,
          data: e.data,
        });
      }
      return decided.right;
    };
  /** Each order meets its own paper exchange, with no fee. */
  const onPaper = (id: string): ((command: Command) => void) => {
    let submit = worlds.get(id);
    if (submit === undefined) {
      submit = inWorld(paperFills({ fees: NO_FEES }), () => states.get(id) ?? null, decideFor(id));
      worlds.set(id, submit);
    }
    return submit;
  };
  const apply = (command: Command): void => {
    const orderId = 'orderId' in command ? command.orderId : null;
    for (const id of orderId === null ? [...states.keys()] : [orderId]) onPaper(id)(command);
  };
  for (const step of steps) {
    if ('fillEntry' in step) {
      const state = states.get(step.orderId);
      if (state === null || state === undefined) throw new Error(`no order ${step.orderId}`);
      apply({
        type: 'ExecutionReport',
        orderId: step.orderId,
        ts: step.ts,
        clientOrderId: state.spec.entryClientOrderId,
        execType: 'TRADE',
        lastPrice: step.fillEntry,
        lastQuantity: state.spec.quantity,
        cumulativeQuantity: state.spec.quantity,
      });
    } else apply(step);
  }
  return out;
};

/** The scenario of SEMANTICS §3 in small: entry 100, TP1 at 105 fills, break-even, trailing stop fires at 104. */
export const TICKS = [
  { type: 'Tick', symbol: 'BTC/USDT', ts: 3000, price: 103 },
  { type: 'Tick', symbol: 'BTC/USDT', ts: 4000, price: 106 },
  { type: 'Tick', symbol: 'BTC/USDT', ts: 5000, price: 108 },
  { type: 'Tick', symbol: 'BTC/USDT', ts: 6000, price: 104 },
] as const;

export const trailingScenario = (): StoredEvent[] =>
  storedEvents([
    {
      type: 'CreateSmartOrder',
      orderId: 'o-1',
      ts: 1000,
      exchange: 'paper',
      symbol: 'BTC/USDT',
      side: 'BUY',
      quantity: 1,
      entry: { type: 'MARKET' },
      takeProfits: [
        { price: 105, sizePct: 40 },
        { price: 110, sizePct: 60 },
      ],
      stopLoss: { price: 95 },
      trailing: { callbackRate: 0.02 },
      breakEven: true,
    },
    { fillEntry: 100, orderId: 'o-1', ts: 2000 },
    ...TICKS.map((t) => ({ ...t })),
  ]);

/** The views `readOrderViews` would give for these events. */
export const viewsOf = (events: readonly StoredEvent[]): OrderView[] => {
  const states = new Map<string, State>();
  for (const e of events) {
    if (e.orderId !== null)
      states.set(
        e.orderId,
        evolve(states.get(e.orderId) ?? null, {
          type: e.type,
          ts: e.ts,
          data: e.data,
        } as OrderEvent),
      );
  }
  return [...states.values()].flatMap((s) => (s === null ? [] : [orderView(s)]));
};
