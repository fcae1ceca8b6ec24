import type { Command } from '../../commands/command';
import { decide } from '../../decide';
import { evolve } from '../../state/evolve';
import type { State } from '../../state/orderState';
import type { OrderEvent } from '../../events/orderEvent';
import { NO_FEES } from '../../fillModel/feeSchedule';
import { inWorld } from '../../testing/inWorld';
import { paperFills } from '../../testing/paperFills';
import type { ChartEnvelope } from './orderTrack';

/**
 * The envelopes a store would hold after these commands, decided by the core with the paper
 * exchange's fills (the core's fill model, no fee) answering every order. An entry is filled by sending `{ fillEntry: price, orderId, ts }`.
 */
export type Step =
  Command | { readonly fillEntry: number; readonly orderId: string; readonly ts: number };

export const chartEvents = (steps: readonly Step[]): ChartEnvelope[] => {
  const states = new Map<string, State>();
  const worlds = new Map<string, (command: Command) => void>();
  const out: ChartEnvelope[] = [];
  const decideFor =
    (id: string) =>
    (command: Command): OrderEvent[] => {
      const decided = decide(command, states.get(id) ?? null);
      if (decided._tag === 'Left')
        throw new Error(`${command.type} refused: ${decided.left.message}`);
      for (const e of decided.right) {
        states.set(id, evolve(states.get(id) ?? null, e));
        out.push({ orderId: id, ts: e.ts, type: e.type, data: e.data });
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
    if (!('fillEntry' in step)) {
      apply(step);
      continue;
    }
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
  }
  return out;
};

/** SEMANTICS §3 in small: entry 100, TP1 at 105 fills, break-even, trailing stop fires at 104. */
export const trailingScenario = (): ChartEnvelope[] =>
  chartEvents([
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
    { type: 'Tick', symbol: 'BTC/USDT', ts: 3000, price: 103 },
    { type: 'Tick', symbol: 'BTC/USDT', ts: 4000, price: 106 },
    { type: 'Tick', symbol: 'BTC/USDT', ts: 5000, price: 108 },
    { type: 'Tick', symbol: 'BTC/USDT', ts: 6000, price: 104 },
  ]);
