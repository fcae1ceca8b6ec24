import type { Tick } from '@smart-orders/core';
import {
  createEngine,
  getInMemoryEventStore,
  replayTicks,
  watchAccount,
  type EventStore,
  type Exchange,
  type StoredEvent,
} from '@smart-orders/engine';
import { getPaperExchange } from './paperExchange';

const SYMBOL = 'BTC/USDT';
const ACCOUNT = 'resume';
const RISK = { dailyLossLimit: 5, limitPriceBandBps: 10 };
const prices = [100, 99, 98, 96, 94, 90, 89, 85, 84, 84, 86, 88, 90, 91, 92];
const ticks: Tick[] = prices.map((price, i) => ({
  type: 'Tick',
  symbol: SYMBOL,
  ts: 1_000 * (i + 1),
  price,
}));

/** A flatten with limit exits the falling market leaves behind: each is cancelled before it is replaced. */
const flattenLog = async (): Promise<StoredEvent[]> => {
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
const cutAfter = async (log: readonly StoredEvent[], last: StoredEvent): Promise<EventStore> => {
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

/**
 * The log cut right after the flatten's first exit cancel was recorded, and a venue that
 * outlived the process: the left-behind exit still rests on its book. Its cancels and places
 * are counted.
 */
const diedAfterCancelAsked = async () => {
  const log = await flattenLog();
  const asked = log.find((e) => e.type === 'FlattenExitCancelRequested');
  if (asked === undefined) throw new Error('the scenario asked for no exit cancel');
  const { clientOrderId, limitPrice } = asked.data as { clientOrderId: string; limitPrice: number };
  const store = await cutAfter(log, asked);
  const paper = getPaperExchange();
  const exitRequest = log.find(
    (e) =>
      e.type === 'FlattenRetriedAsLimit' &&
      (e.data as { clientOrderId: string }).clientOrderId === clientOrderId,
  )?.data as { quantity: number; side: 'BUY' | 'SELL' };
  paper.restorePositions?.([{ symbol: SYMBOL, quantity: 1 }]);
  const placed = await paper.place({
    clientOrderId,
    orderId: ACCOUNT,
    symbol: SYMBOL,
    side: exitRequest.side,
    type: 'LIMIT',
    quantity: exitRequest.quantity,
    price: limitPrice,
    reduceOnly: true,
    ts: asked.ts,
  });
  expect(placed._tag === 'Right' && placed.right.status).toBe('OPEN');
  const cancels: string[] = [];
  const places: string[] = [];
  const exchange: Exchange = {
    ...paper,
    cancel: (id, symbol) => {
      cancels.push(id);
      return paper.cancel(id, symbol);
    },
    place: (request) => {
      places.push(request.clientOrderId);
      return paper.place(request);
    },
  };
  const accountAfterCut = async () =>
    (await store.readAll(0))
      .slice(log.indexOf(asked) + 1)
      .filter((e) => e.stream === `account-${ACCOUNT}`);
  return { store, paper, exchange, clientOrderId, cancels, places, accountAfterCut };
};

describe('a flatten whose exit cancel was recorded and never answered, restarted', () => {
  it('cancels the exit again at the start, and once it is gone replaces it and closes the position', async () => {
    const { store, paper, exchange, clientOrderId, cancels, places, accountAfterCut } =
      await diedAfterCancelAsked();
    const engine = createEngine({ store, exchange, account: { id: ACCOUNT, risk: RISK } });
    await engine.start();
    expect(cancels).toEqual([clientOrderId]);
    expect(places).not.toContain(clientOrderId);
    // Confirmed gone (it had not filled), it is replaced at once, at the price the log knew.
    const resumed = await accountAfterCut();
    expect(resumed.find((e) => e.type === 'FlattenExitDone')?.data).toEqual({
      symbol: SYMBOL,
      clientOrderId,
      filledQuantity: 0,
    });
    const successor = resumed.find((e) => e.type === 'FlattenRetriedAsLimit')?.data as {
      clientOrderId: string;
      replaces: string;
    };
    expect(successor.replaces).toBe(clientOrderId);
    expect(places).toContain(successor.clientOrderId);
    // The market goes on falling: the successor too is left behind, cancelled, replaced, filled.
    await engine.tick({ type: 'Tick', symbol: SYMBOL, ts: 30_000, price: 80 });
    await engine.tick({ type: 'Tick', symbol: SYMBOL, ts: 31_000, price: 80 });
    expect((await accountAfterCut()).map((e) => e.type)).toContain('FlattenConfirmed');
    expect(engine.account()?.flatten).toBeNull();
    const held = await paper.positions();
    expect(held._tag === 'Right' && held.right.filter((p) => p.quantity !== 0)).toEqual([]);
    await engine.stop();
  });
  it('a watchdog that took the flatten over cancels the exit again on its look, and replaces it once gone', async () => {
    const { store, exchange, clientOrderId, cancels, places, accountAfterCut } =
      await diedAfterCancelAsked();
    const dog = watchAccount({
      store,
      exchange,
      accountId: ACCOUNT,
      maxSilenceMs: 60_000,
      risk: RISK,
      now: () => 30_000,
    });
    expect(await dog.check()).toBe('FLATTENING');
    dog.stop();
    expect(cancels).toEqual([clientOrderId]);
    const after = await accountAfterCut();
    expect(after.find((e) => e.type === 'FlattenExitDone')?.data).toMatchObject({ clientOrderId });
    const successor = after.find((e) => e.type === 'FlattenRetriedAsLimit')?.data as {
      clientOrderId: string;
      replaces: string;
    };
    expect(successor.replaces).toBe(clientOrderId);
    expect(places).toEqual([successor.clientOrderId]);
  });
});
