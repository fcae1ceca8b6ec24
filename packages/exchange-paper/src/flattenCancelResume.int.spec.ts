import { createEngine, watchAccount, type Exchange } from '@smart-orders/engine';
import {
  accountEventsAfter,
  ACCOUNT,
  cutAfter,
  flattenLog,
  RISK,
  SYMBOL,
  venueWithRestingExit,
} from './flattenLog.spec.helper';

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
  const exitRequest = log.find(
    (e) =>
      e.type === 'FlattenRetriedAsLimit' &&
      (e.data as { clientOrderId: string }).clientOrderId === clientOrderId,
  )?.data as { quantity: number; side: 'BUY' | 'SELL' };
  const paper = await venueWithRestingExit(
    { clientOrderId, limitPrice, side: exitRequest.side, quantity: exitRequest.quantity },
    1,
    asked.ts,
  );
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
  const accountAfterCut = () => accountEventsAfter(store, log, asked);
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
    expect(cancels).toEqual([clientOrderId]);
    expect(places).toEqual([]);
    // The look that learnt it gone came after that round's reading, which cannot size the
    // replacement (it may predate the exit's last fills): the next look replaces it.
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
