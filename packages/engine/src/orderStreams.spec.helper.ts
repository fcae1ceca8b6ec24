import {
  decide,
  evolve,
  type Command,
  type CreateSmartOrder,
  type OrderEvent,
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
