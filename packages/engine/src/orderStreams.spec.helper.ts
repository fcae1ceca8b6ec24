import {
  decide,
  evolve,
  type Command,
  type CreateSmartOrder,
  type OrderEvent,
  type OrderState,
  type State,
} from '@smart-orders/core';
import { inWorld, paperFills } from '@smart-orders/core/testing';

export const order = (
  orderId: string,
  overrides: Partial<CreateSmartOrder> = {},
): CreateSmartOrder => ({
  type: 'CreateSmartOrder',
  orderId,
  ts: 1,
  exchange: 'paper',
  symbol: 'BTC/USDT',
  side: 'BUY',
  quantity: 1,
  entry: { type: 'MARKET' },
  takeProfits: [{ price: 150, sizePct: 100 }],
  stopLoss: { price: 95 },
  ...overrides,
});

/** An order's events as the paper exchange's world answers it, from its creation through the ticks. */
export const eventsOf = (create: CreateSmartOrder, prices: readonly number[]): OrderEvent[] => {
  let state: State = null;
  const events: OrderEvent[] = [];
  const submit = inWorld(
    paperFills(),
    () => state,
    (command: Command) => {
      const decided = decide(command, state);
      if (decided._tag === 'Left') return [];
      for (const e of decided.right) state = evolve(state, e);
      events.push(...decided.right);
      return decided.right;
    },
  );
  submit(create);
  prices.forEach((price, i) => submit({ type: 'Tick', symbol: 'BTC/USDT', ts: 10 + i, price }));
  return events;
};

/** The streams of four orders over the same prices: one resting, two open, one closed. */
export const fourStreams = (): Map<string, OrderEvent[]> => {
  const prices = [100, 104, 106, 108, 110];
  return new Map<string, OrderEvent[]>([
    // Created only: a limit entry below every price rests.
    ['resting', eventsOf(order('resting', { entry: { type: 'LIMIT', price: 97 } }), prices)],
    // Created and filled.
    ['filled', eventsOf(order('filled'), prices.slice(0, 1))],
    // Filled, then its trailing stop armed and raised on every tick up.
    ['trailing', eventsOf(order('trailing', { trailing: { callbackRate: 0.02 } }), prices)],
    // Filled, then closed at its take-profit: not open.
    ['closed', eventsOf(order('closed', { takeProfits: [{ price: 103, sizePct: 100 }] }), prices)],
  ]);
};

/**
 * Every state the four streams pass through, version by version (created, filled, trailing
 * raised, closed), and each stream's creation event: what the book's specs store in any order.
 */
export const streamStates = (): {
  readonly states: readonly OrderState[];
  readonly created: readonly OrderEvent[];
} => {
  const streams = [...fourStreams().values()];
  const states = streams.flatMap((events) => {
    let state: State = null;
    return events.map((e) => (state = evolve(state, e)) as OrderState);
  });
  return { states, created: streams.map((events) => events[0] as OrderEvent) };
};

/** The same state, field by field in the same order: what a view or a log line of it shows. */
export const sameState = (
  actual: OrderState | undefined,
  expected: OrderState | undefined,
): void => {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
};
