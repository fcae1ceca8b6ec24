import type { Tick } from '@smart-orders/core';
import { getScriptedExchange } from '@smart-orders/testkit';
import { createEngine } from '../createEngine';
import type { StoredEvent } from '../ports/eventStore';
import { getInMemoryEventStore } from '../stores/memoryEventStore';
import { order, SYMBOL, tick } from './venues.spec.helper';

const ETH = 'ETH/USDT';
const SLOW_MS = 4_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ethTick = (ts: number, price: number): Tick => ({ type: 'Tick', symbol: ETH, ts, price });

/** No order stuck behind another: each symbol sends in its own lane. */
describe('send lanes, one per order', () => {
  it('a create on one symbol whose answer does not come holds only its symbol: another symbol’s stop exit goes out at once', async () => {
    const exchange = getScriptedExchange({
      // ETH's entry is answered only after SLOW_MS, as an unknown outcome the adapter is still
      // looking up would be.
      script: (r) => (r.symbol === ETH && !r.reduceOnly ? { lateMs: SLOW_MS } : {}),
    });
    const engine = createEngine({ store: getInMemoryEventStore(), exchange });
    const log: StoredEvent[] = [];
    engine.events$.subscribe((e) => log.push(e));
    await engine.start();
    try {
      await engine.process({ tick: tick(1_000, 100) });
      await engine.process({ tick: ethTick(1_000, 10) });
      await engine.submit(order({ ts: 1_001 }));
      await engine.process({ tick: tick(2_000, 100) });
      expect(log.map((e) => e.type)).toContain('EntryFilled');

      // ETH's create goes out and hangs; BTC falls through its stop meanwhile.
      const slow = engine.submit(
        order({
          orderId: 'o-eth',
          symbol: ETH,
          ts: 2_001,
          takeProfits: [{ price: 12, sizePct: 100 }],
          stopLoss: { price: 9 },
        }),
      );
      await sleep(50);
      expect(exchange.requests.map((r) => r.symbol)).toContain(ETH);
      const askedAt = Date.now();
      void engine.process({ tick: tick(3_000, 94) });
      let stopSent = -1;
      for (let i = 0; i < 100 && stopSent < 0; i++) {
        if (exchange.requests.some((r) => r.symbol === SYMBOL && r.reduceOnly))
          stopSent = Date.now() - askedAt;
        else await sleep(10);
      }
      // At once: well before the ETH create is answered.
      expect(stopSent).toBeGreaterThanOrEqual(0);
      expect(stopSent).toBeLessThan(SLOW_MS / 2);
      expect(log.some((e) => e.type === 'StopLossTriggered')).toBe(true);
      await slow;
      expect(log.filter((e) => e.type === 'SmartOrderCreated')).toHaveLength(2);
    } finally {
      await engine.stop();
    }
  }, 30_000);
});
