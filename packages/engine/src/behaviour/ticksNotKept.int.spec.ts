import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Tick } from '@smart-orders/core';
import { createEngine, getInMemoryEventStore } from '@smart-orders/engine';
import { order, venues } from './venues.spec.helper';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SYMBOLS = Array.from({ length: 20 }, (_, i) => `S${i}/USDT`);

/**
 * Why it matters (tickRecord.ts): a tick the engine kept until its symbol's next one outlived
 * young collections when many symbols traded, and V8 then allocated everything made where the
 * ticks were made in the old generation, for good.
 */
describe.each(venues)('the engine keeps no tick it was given, against %s', (_, venue) => {
  it('after ticks on many symbols, with orders on some, every tick can be collected', async () => {
    const engine = createEngine({ store: getInMemoryEventStore(), exchange: venue() });
    await engine.start();
    await engine.process({
      commands: SYMBOLS.slice(0, 5).map((symbol, i) =>
        order({ orderId: `o-${i}`, symbol, takeProfits: [{ price: 150, sizePct: 100 }] }),
      ),
    });
    const given: WeakRef<Tick>[] = [];
    // Made in a function of its own, so that nothing of this test holds a tick after it.
    const deliver = async (ts: number, symbol: string): Promise<void> => {
      const tick: Tick = { type: 'Tick', symbol, ts, price: 100 + ts / 1000, id: `t-${ts}` };
      given.push(new WeakRef(tick));
      await engine.tick(tick);
    };
    for (let round = 1; round <= 3; round++)
      for (const [i, symbol] of SYMBOLS.entries()) await deliver(round * 100 + i, symbol);
    // A WeakRef keeps its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(given.map((ref) => ref.deref()?.ts).filter((ts) => ts !== undefined)).toEqual([]);
    // What the ticks said is still known: the last price of each symbol.
    expect(engine.lastPrice('S19/USDT')).toBe(100 + 319 / 1000);
    await engine.stop();
  });
});
