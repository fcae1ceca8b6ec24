// A trading backend embedding smart-orders: an engine on the embedded SQLite store and the paper
// exchange, one smart order, three prices, and the live order view. `npm run build` first; this
// file compiles under `tsc --strict` against the built packages (see tsconfig.json beside it).
import { createEngine } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';

const main = async (path: string): Promise<void> => {
  const store = getSqliteEventStore(path);
  const engine = createEngine({ store, exchange: getPaperExchange() });
  await engine.start(); // rebuilds every open order after a restart
  engine.events$.subscribe((e) => console.log(e.orderId, e.type, JSON.stringify(e.data)));

  const created = await engine.submit({
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
    trailing: { callbackRate: 0.01 },
    breakEven: true,
  });
  if (created._tag === 'Left') throw new Error(created.left.message);

  for (const [i, price] of [70_000, 70_600, 71_200].entries()) {
    await engine.tick({ type: 'Tick', symbol: 'BTC/USDT', ts: 1_700_000_001_000 + i, price });
  }
  console.log(engine.view('btc-1') ?? 'btc-1 is closed');
  await engine.stop();
  await store.close();
};

main(process.argv[2] ?? 'embedding.sqlite').catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
