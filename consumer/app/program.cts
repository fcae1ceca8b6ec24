// The same packages from CommonJS: require() through the exports maps, types from them.
import { createEngine } from '@smart-orders/engine';
import { getPaperExchange } from '@smart-orders/exchange-paper';
import { getSqliteEventStore } from '@smart-orders/store-sqlite';

const main = async (file: string): Promise<void> => {
  const store = getSqliteEventStore(file);
  const engine = createEngine({ store, exchange: getPaperExchange() });
  await engine.start();
  const answer = await engine.submit({
    type: 'CreateSmartOrder',
    orderId: 'eth-1',
    ts: 1_700_000_000_000,
    exchange: 'paper',
    symbol: 'ETH/USDT',
    side: 'SELL',
    quantity: 1,
    entry: { type: 'MARKET' },
    takeProfits: [{ price: 2_600, sizePct: 100 }],
    stopLoss: { price: 2_800 },
  });
  if (answer._tag === 'Left') throw new Error(answer.left.message);
  await engine.tick({ type: 'Tick', symbol: 'ETH/USDT', ts: 1_700_000_001_000, price: 2_700 });
  const view = engine.view('eth-1');
  console.log(`cjs ${view?.status ?? 'gone'} entry ${view?.entryPrice ?? '-'}`);
  await engine.stop();
  await store.close();
};

main(process.argv[2] ?? 'cjs.sqlite').catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
