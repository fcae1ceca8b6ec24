import { getPaperExchange } from '@smart-orders/exchange-paper';
import {
  createEngine,
  getInMemoryEventStore,
  orderStream,
  type EventStore,
} from '@smart-orders/engine';
import { order, tick } from './venues.spec.helper';

describe('a version conflict that survives the retries (SEMANTICS §4 v2)', () => {
  it('reaches the caller of submit as the typed rejection CONCURRENCY_CONFLICT, and appends nothing', async () => {
    const shared = getInMemoryEventStore();
    const setup = createEngine({ store: shared, exchange: getPaperExchange() });
    await setup.start();
    await setup.process({ commands: [order()] });
    await setup.tick(tick(10, 100));
    await setup.stop();

    // Another writer moves the stop before every append of ours: a conflict each time.
    const other = createEngine({ store: shared, exchange: getPaperExchange() });
    await other.start();
    let price = 90;
    const racing: EventStore = {
      ...shared,
      appendBatch: async (appends, checkpoints) => {
        price -= 1;
        await other.submit({ type: 'ModifyStopLoss', orderId: 'o-1', ts: 20, price });
        return shared.appendBatch(appends, checkpoints);
      },
    };
    const engine = createEngine({
      store: racing,
      exchange: getPaperExchange(),
      maxConflictRetries: 2,
    });
    await engine.start();
    const before = (await shared.readStream(orderStream('o-1'))).length;
    const answer = await engine.submit({
      type: 'ModifyStopLoss',
      orderId: 'o-1',
      ts: 20,
      price: 96,
    });
    expect(answer).toMatchObject({
      _tag: 'Left',
      left: { code: 'CONCURRENCY_CONFLICT', orderId: 'o-1' },
    });
    const after = await shared.readStream(orderStream('o-1'));
    // Only the other writer's three stops went in.
    expect(after.length - before).toBe(3);
    expect(after.every((e) => (e.data as { price?: number }).price !== 96)).toBe(true);
  });
});
