import { clientOrderId, PURPOSE } from '@smart-orders/core';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { createEngine } from '../createEngine';
import { getInMemoryEventStore } from '../stores/memoryEventStore';
import type { StoredEvent } from '../ports/eventStore';
import { order, SYMBOL, tick } from './venues.spec.helper';
import { warningsInto } from './warningsInto.spec.helper';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a fill for an order the log has ended (SEMANTICS §4 v2: the log never loses a fill)', () => {
  it('is not only a warning: live, the account reconciles again and reports the divergence', async () => {
    const venue = getPaperExchange();
    const warnings: string[] = [];
    const engine = createEngine({
      store: getInMemoryEventStore(),
      exchange: venue,
      account: { id: 'desk', liveProtocols: true, heartbeatMs: 100, symbols: [SYMBOL] },
      logger: warningsInto(warnings),
    });
    const log: StoredEvent[] = [];
    engine.events$.subscribe((e) => log.push(e));
    await engine.start();
    try {
      let ts = 1_000;
      const feed = (price: number) => engine.process({ tick: tick((ts += 1_000), price) });
      await feed(100);
      await engine.process({ commands: [order({ ts: ts + 1 })] });
      await feed(100);
      await feed(106);
      await feed(106);
      expect(log.map((e) => e.type)).toContain('SmartOrderClosed');

      // Someone (another process sharing the key, a resend from a lost past) bids under the
      // ended order's id, and the market comes down to it: the exchange's position moves where
      // the log cannot follow.
      const stray = await venue.place({
        clientOrderId: clientOrderId('o-1', PURPOSE.entry, 0, 7),
        orderId: 'o-1',
        symbol: SYMBOL,
        side: 'BUY',
        type: 'LIMIT',
        price: 104,
        quantity: 1,
        reduceOnly: false,
        ts: ts + 1,
      });
      expect(stray._tag).toBe('Right');
      for (let i = 0; i < 40 && !log.some((e) => e.type === 'ReconciliationDiverged'); i++) {
        await feed(104);
        await sleep(25);
      }
      const started = log.find(
        (e) =>
          e.type === 'ReconciliationStarted' &&
          (e.data as { reason: string }).reason === 'UNEXPECTED_FILL',
      );
      expect(started).toBeDefined();
      expect(log.some((e) => e.type === 'ReconciliationDiverged')).toBe(true);
      expect(warnings.some((w) => w.includes('ignored report'))).toBe(true);
    } finally {
      await engine.stop();
    }
  });
});
