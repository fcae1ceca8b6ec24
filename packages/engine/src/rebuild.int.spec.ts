import { fold, type OrderEvent, type OrderState } from '@smart-orders/core';
import { UNPACKED_ORDERS } from './keptStates';
import { createOpenOrderBook } from './openOrderBook';
import { fourStreams } from './orderStreams.spec.helper';
import { orderStream } from './ports/eventStore';
import { rebuildOpenOrders } from './rebuild';
import { getInMemoryEventStore } from './stores/memoryEventStore';

describe('rebuildOpenOrders', () => {
  it.each([
    ['a book that keeps every state as objects', UNPACKED_ORDERS],
    ['a book that keeps every state packed', 0],
  ])(
    'gives each open order the state its own stream folds to, whatever number of events it has: %s',
    async (_, unpackedOrders) => {
      const streams = fourStreams();
      expect([...streams.values()].map((events) => events.length)).toEqual([
        1,
        2,
        expect.any(Number),
        expect.any(Number),
      ]);
      expect(streams.get('trailing')?.length).toBeGreaterThan(3);

      // The streams' events interleaved in the log, as orders that live side by side write them.
      const store = getInMemoryEventStore();
      const longest = Math.max(...[...streams.values()].map((events) => events.length));
      for (let i = 0; i < longest; i++)
        for (const [id, events] of streams) {
          const event = events[i];
          if (event !== undefined)
            await store.appendBatch([
              {
                stream: orderStream(id),
                expectedVersion: i === 0 ? 'no_stream' : i,
                events: [event],
              },
            ]);
        }

      const book = createOpenOrderBook(unpackedOrders);
      await rebuildOpenOrders(store, book);

      expect([...book.all()].map((s) => s.spec.orderId)).toEqual(['resting', 'filled', 'trailing']);
      // The resting entry is working; a packed order without one is not unpacked to be told so.
      const working = [...book.mayBeWorking()].map((s) => s.spec.orderId);
      expect(working).toContain('resting');
      if (unpackedOrders === 0) expect(working).toEqual(['resting']);
      for (const id of ['resting', 'filled', 'trailing']) {
        const stored = await store.readStream(orderStream(id));
        const replayed = stored.map(
          (e) => ({ type: e.type, ts: e.ts, data: e.data }) as OrderEvent,
        );
        const folded = fold(replayed);
        expect(book.get(id)).toEqual(folded);
        // Field by field in the fold's order: what a view or a log line of it shows is the same.
        expect(JSON.stringify(book.get(id))).toBe(JSON.stringify(folded));
      }
      expect(book.get('closed')).toBeUndefined();
      // In creation order, and an order created after the restart comes after them all.
      const seqs = ['resting', 'filled', 'trailing'].map((id) => book.seq(id) as number);
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      const later = fold(
        (streams.get('filled') ?? []).map(
          (e) => ({ ...e, data: { ...e.data, orderId: 'later' } }) as OrderEvent,
        ),
      );
      book.put(later as OrderState);
      expect(book.seq('later')).toBeGreaterThan(Math.max(...seqs));
      expect([...book.symbols()]).toEqual(['BTC/USDT']);
    },
  );
});
