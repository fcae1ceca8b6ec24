import { watchAccount, type Exchange, type StoredEvent } from '@smart-orders/engine';
import {
  accountEventsAfter,
  ACCOUNT,
  cutAfter,
  flattenLog,
  RISK,
  SYMBOL,
  venueWithRestingExit,
  type LimitExit,
} from './flattenLog.spec.helper';

const dataOf = (e: StoredEvent | undefined): Record<string, unknown> =>
  (e?.data ?? {}) as Record<string, unknown>;

/**
 * The watchdog follows no order stream: it learns its exits' fills by looking them up. An exit
 * that fills while the account is being read must not be confirmed flat with its fills never
 * recorded (they would be closed at the mark, the audit losing their prices): the watchdog
 * looks its exits up after the reading, and the core confirms only once every exit has
 * reported its end (`awaitsExitOutcome`).
 */
describe('a watchdog whose limit exit fills while it reads the account', () => {
  it('records the fill at its price before it confirms flat, and closes nothing at the mark', async () => {
    const log = await flattenLog();
    const limit = log.find((e) => e.type === 'FlattenRetriedAsLimit');
    if (limit === undefined) throw new Error('the scenario sent no limit exit');
    const exit = limit.data as unknown as LimitExit;
    const store = await cutAfter(log, limit);
    const paper = await venueWithRestingExit(
      exit,
      exit.side === 'SELL' ? exit.quantity : -exit.quantity,
      limit.ts,
    );
    // The market reaches the exit's price while the watchdog reads the positions.
    let reached = false;
    const exchange: Exchange = {
      ...paper,
      positions: () => {
        if (!reached) {
          reached = true;
          paper.matchTick?.({ type: 'Tick', symbol: SYMBOL, ts: 29_000, price: exit.limitPrice });
        }
        return paper.positions();
      },
    };
    const dog = watchAccount({
      store,
      exchange,
      accountId: ACCOUNT,
      maxSilenceMs: 60_000,
      risk: RISK,
      now: () => 30_000,
    });
    expect(await dog.check()).toBe('FLAT');
    dog.stop();
    const after = await accountEventsAfter(store, log, limit);
    const fills = after.filter(
      (e) => e.type === 'FillRecorded' && dataOf(e)['clientOrderId'] === exit.clientOrderId,
    );
    expect(fills.map((e) => [dataOf(e)['price'], dataOf(e)['quantity']])).toEqual([
      [exit.limitPrice, exit.quantity],
    ]);
    expect(dataOf(fills.at(-1))['position']).toBe(0);
    const confirmed = after.find((e) => e.type === 'FlattenConfirmed');
    expect(dataOf(confirmed)['closedAtMark']).toEqual([]);
    expect(after.findIndex((e) => e.type === 'FlattenConfirmed')).toBeGreaterThan(
      after.findIndex((e) => e === fills.at(-1)),
    );
  });
});
