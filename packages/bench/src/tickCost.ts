import {
  clientOrderId,
  decide,
  evolve,
  fold,
  PURPOSE,
  type Command,
  type OrderState,
  type State,
  type Tick,
} from '@smart-orders/core';
import type { Window } from './figure';
import { interleavedSlices, MIN_WINDOW_SECONDS, REPETITIONS, timeAtLeast } from './timing';

/**
 * The core's cost of one tick against one order: `decide` on an ACTIVE long (3-level ladder,
 * stop, 2 % trailing stop) with ticks that move nothing, the common case, and with ticks that
 * each raise the trailing stop (`decide`, its `TrailingRaised` and `evolve`). Each repetition
 * is rounds of 20,000 ticks for at least a second of each kind, the two kinds in slices taken
 * in turn, after a warm-up; the figure is in CPU time, so that other processes on a shared
 * machine count less. A round of trailing raises takes about 0.1 s, within a slice.
 */
export interface TickCost {
  readonly noTrigger: Window[];
  readonly trailingRaise: Window[];
}

const TICKS_PER_ROUND = 20_000;

const activeOrder = (takeProfitPrice: number): OrderState => {
  const orderId = 'bench-1';
  const create: Command = {
    type: 'CreateSmartOrder',
    orderId,
    ts: 1,
    exchange: 'paper',
    symbol: 'BTC/USDT',
    side: 'BUY',
    quantity: 1,
    entry: { type: 'LIMIT', price: 100 },
    takeProfits: [
      { price: takeProfitPrice, sizePct: 40 },
      { price: takeProfitPrice + 5, sizePct: 35 },
      { price: takeProfitPrice + 15, sizePct: 25 },
    ],
    stopLoss: { price: 95 },
    trailing: { callbackRate: 0.02 },
  };
  const fill: Command = {
    type: 'ExecutionReport',
    orderId,
    ts: 2,
    clientOrderId: clientOrderId(orderId, PURPOSE.entry, 0, 1),
    execType: 'TRADE',
    lastPrice: 100,
    cumulativeQuantity: 1,
  };
  let state: State = null;
  for (const command of [create, fill]) {
    const decided = decide(command, state);
    if (decided._tag === 'Left') throw new Error(`bench order refused: ${decided.left.message}`);
    state = fold(decided.right, state);
  }
  return state as OrderState;
};

/** Prices between the trailing stop (98) and the mark (100): nothing triggers, nothing rises. */
const quietTicks: Tick[] = Array.from({ length: 1_000 }, (_, i) => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: 10 + i,
  price: 98.5 + (i % 150) / 100,
}));

const noTrigger = (): number => {
  const state = activeOrder(105);
  let events = 0;
  for (let i = 0; i < TICKS_PER_ROUND; i++) {
    const decided = decide(quietTicks[i % quietTicks.length] as Tick, state);
    if (decided._tag === 'Right') events += decided.right.length;
  }
  // The decisions' results are read, so that none of the work can be optimised away.
  if (events !== 0) throw new Error(`expected ticks that move nothing, got ${events} events`);
  return TICKS_PER_ROUND;
};

/** Every tick 0.02 above the last: the rounded 2 % stop rises by 0.0196 → one tick each time. */
const trailingRaise = (): number => {
  let state: State = activeOrder(1_000_000);
  let events = 0;
  for (let i = 0; i < TICKS_PER_ROUND; i++) {
    const tick: Tick = {
      type: 'Tick',
      symbol: 'BTC/USDT',
      ts: 10 + i,
      price: (10_000 + 2 * (i + 1)) / 100,
    };
    const decided = decide(tick, state);
    if (decided._tag === 'Right') {
      for (const e of decided.right) state = evolve(state, e);
      events += decided.right.length;
    }
  }
  if (events !== TICKS_PER_ROUND)
    throw new Error(`expected one TrailingRaised per tick, got ${events}`);
  return events;
};

export const measureTickCost = async (repetitions = REPETITIONS): Promise<TickCost> => {
  // A window of each, untimed, so that the JIT has settled before the first repetition.
  await timeAtLeast(noTrigger);
  await timeAtLeast(trailingRaise);
  return interleavedSlices(
    repetitions,
    {
      noTrigger: { slice: (seconds) => timeAtLeast(noTrigger, seconds, 0) },
      trailingRaise: { slice: (seconds) => timeAtLeast(trailingRaise, seconds, 0) },
    },
    { windowSeconds: MIN_WINDOW_SECONDS },
  );
};
