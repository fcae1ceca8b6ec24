import { createCcxtBinanceForVenue } from '@smart-orders/venue';

/**
 * The baseline of the venue figure, run as a process of its own like `smart-orders run`: a bare
 * `ccxt.pro.binance` client on the venue that watches the trades and, on each trade at or above
 * its next trigger price, sends the order the engine's take-profit would send (a market sell of
 * the same quantity), then raises its trigger by one tick. Nothing is recorded anywhere.
 *
 * Arguments: venue URL, API key, secret, symbol, first trigger, tick size, quantity.
 */
const [url, apiKey, secret, symbol, first, tick, quantity] = process.argv.slice(2);

const main = async (): Promise<void> => {
  if (quantity === undefined)
    throw new Error('usage: bareVenueClient URL KEY SECRET SYMBOL FIRST TICK QUANTITY');
  const exchange = createCcxtBinanceForVenue(url as string, apiKey as string, secret as string);
  await exchange.loadMarkets();
  const step = Number(tick);
  let next = Number(first);
  process.stdout.write('ready\n');
  for (;;) {
    const trades = await exchange.watchTrades(symbol as string);
    for (const trade of trades) {
      const price = trade.price as number | undefined;
      if (price === undefined || price < next - step / 2) continue;
      next = Math.round((price + step) / step) * step;
      await exchange.createOrder(symbol as string, 'market', 'sell', Number(quantity));
    }
  }
};

main().catch((e: unknown) => {
  process.stderr.write(
    `bare client failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exitCode = 1;
});
