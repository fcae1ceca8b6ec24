import type { Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  replayTicks,
  type EventStore,
  type Exchange,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

export const SYMBOL = 'BTC/USDT';
export const ACCOUNT = 'resume';
export const RISK = { dailyLossLimit: 5, limitPriceBandBps: 10 };
const prices = [100, 99, 98, 96, 94, 90, 89, 85, 84, 84, 86, 88, 90, 91, 92];
const ticks: Tick[] = prices.map((price, i) => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts: 1_000 * (i + 1),
  price,
}));

/** A flatten with limit exits the falling market leaves behind: each is cancelled before it is replaced. */
export const flattenLog = async (): Promise<StoredEvent[]> => {
  const store = getInMemoryEventStore();
  const engine = createEngine({
    store,
    // Market orders refused from the trip on: the flatten goes on with limits.
    exchange: getPaperExchange({ rejectMarketOrders: [{ from: 4_500, to: 20_000 }] }),
    account: { id: ACCOUNT, risk: RISK },
  });
  await engine.start();
  const long = {
    type: 'CreateSmartOrder' as const,
    orderId: 'long',
    ts: 0,
    exchange: 'paper',
    symbol: SYMBOL,
    side: 'BUY' as const,
    quantity: 1,
    entry: { type: 'MARKET' as const },
    takeProfits: [{ price: 150, sizePct: 100 }],
    stopLoss: { price: 20 },
  };
  await replayTicks({
    engine,
    store,
    ticks,
    plan: { orders: [{ at: null, command: long }], commands: [] },
    checkpointName: 'r',
  });
  await engine.stop();
  return [...(await store.readAll(0))];
};

/** The log up to and including `last`, in a store of its own: what a process that died there left. */
export const cutAfter = async (
  log: readonly StoredEvent[],
  last: StoredEvent,
): Promise<EventStore> => {
  const store = getInMemoryEventStore();
  const versions = new Map<string, number>();
  for (const e of log.slice(0, log.indexOf(last) + 1)) {
    const version = versions.get(e.stream) ?? 0;
    const appended = await store.appendBatch([
      {
        stream: e.stream,
        expectedVersion: version === 0 ? 'no_stream' : version,
        events: [{ type: e.type, ts: e.ts, data: e.data }],
      },
    ]);
    if (appended._tag === 'Left') throw new Error(appended.left.message);
    versions.set(e.stream, version + 1);
  }
  return store;
};

/** A flatten's limit exit as its log asked for it. */
export interface LimitExit {
  readonly clientOrderId: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  readonly limitPrice: number;
}

/**
 * A paper venue that outlived the process: it holds `held` of the symbol, and the exit rests on
 * its book, placed at `ts`.
 */
export const venueWithRestingExit = async (
  exit: LimitExit,
  held: number,
  ts: number,
): Promise<Exchange> => {
  const paper = getPaperExchange();
  paper.restorePositions?.([{ symbol: SYMBOL, quantity: held }]);
  const placed = await paper.place({
    clientOrderId: exit.clientOrderId,
    orderId: ACCOUNT,
    symbol: SYMBOL,
    side: exit.side,
    type: 'LIMIT',
    quantity: exit.quantity,
    price: exit.limitPrice,
    reduceOnly: true,
    ts,
  });
  expect(placed._tag === 'Right' && placed.right.status).toBe('OPEN');
  return paper;
};

/** The account's events that `store` holds beyond the log cut after `cut`. */
export const accountEventsAfter = async (
  store: EventStore,
  log: readonly StoredEvent[],
  cut: StoredEvent,
): Promise<StoredEvent[]> =>
  (await store.readAll(0))
    .slice(log.indexOf(cut) + 1)
    .filter((e) => e.stream === `account-${ACCOUNT}`);
