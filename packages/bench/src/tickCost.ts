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

/**
 * The core's cost of one tick against one order, in nanoseconds: `decide` on an ACTIVE long
 * (3-level ladder, stop, 2 % trailing stop) with ticks that move nothing, the common case, and
 * with ticks that each raise the trailing stop (`decide`, its `TrailingRaised` and `evolve`).
 * Each figure is the median of several rounds after a warm-up, so the JIT has settled, timed
 * in CPU time (user + system) so that other processes on a shared machine do not count.
 */
export interface TickCost {
  readonly nsPerTickNoTrigger: number;
  readonly nsPerTickTrailingRaise: number;
}

const ROUNDS = 7;
const TICKS_PER_ROUND = 200_000;

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

const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const timeRounds = (round: () => number): number => {
  round();
  const samples: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.cpuUsage();
    const produced = round();
    const used = process.cpuUsage(start);
    if (produced < 0) throw new Error('unreachable: keeps the result alive');
    samples.push(((used.user + used.system) * 1_000) / TICKS_PER_ROUND);
  }
  return median(samples);
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
  return events;
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

export const measureTickCost = (): TickCost => ({
  nsPerTickNoTrigger: timeRounds(noTrigger),
  nsPerTickTrailingRaise: timeRounds(trailingRaise),
});
