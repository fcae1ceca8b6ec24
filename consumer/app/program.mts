// A backend as an ES module: the engine on SQLite with the paper exchange, one smart order
// submitted, ticks, a restart on the same file, and the order views. Compiled by the consumer
// test under `strict` and `skipLibCheck: false` against the packages installed by name.
import { createEngine, type Either, type Engine } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';

const file = process.argv[2];
if (file === undefined) throw new Error('usage: node program.mjs ORDERS.sqlite');

const open = async (): Promise<{ engine: Engine; close: () => Promise<void> }> => {
  const store = getSqliteEventStore(file);
  const engine = createEngine({ store, exchange: getPaperExchange() });
  await engine.start();
  return {
    engine,
    close: async () => {
      await engine.stop();
      await store.close();
    },
  };
};

const first = await open();
first.engine.events$.subscribe((e) => console.log(`event ${e.orderId} ${e.type}`));
const answer: Either<{ code: string; message: string }, readonly unknown[]> =
  await first.engine.submit({
    type: 'CreateSmartOrder',
    orderId: 'btc-1',
    ts: 1_700_000_000_000,
    exchange: 'paper',
    symbol: 'BTC/USDT',
    side: 'BUY',
    quantity: 0.1,
    entry: { type: 'MARKET' },
    takeProfits: [
      { price: 70_500, sizePct: 50 },
      { price: 71_000, sizePct: 50 },
    ],
    stopLoss: { price: 69_000 },
  });
if (answer._tag === 'Left') throw new Error(answer.left.message);

const refused = await first.engine.submit({ type: 'CreateSmartOrder', orderId: 'bad' });
if (refused._tag === 'Right') throw new Error('a create without its fields was accepted');
console.log(`refused ${refused.left.code}`);

await first.engine.tick({ type: 'Tick', symbol: 'BTC/USDT', ts: 1_700_000_001_000, price: 70_000 });
await first.engine.tick({ type: 'Tick', symbol: 'BTC/USDT', ts: 1_700_000_002_000, price: 70_600 });
console.log(`before restart ${first.engine.view('btc-1')?.progress ?? 'gone'}`);
await first.close();

// A restart on the same file: the open order is rebuilt from its events and carries on.
const second = await open();
console.log(`after restart ${second.engine.view('btc-1')?.progress ?? 'gone'}`);
await second.engine.tick({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: 1_700_000_003_000,
  price: 71_100,
});
console.log(`open orders ${second.engine.openOrders().length}`);
console.log(`closed ${second.engine.view('btc-1') === undefined}`);
await second.close();
