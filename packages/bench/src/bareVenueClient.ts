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
  // The order is sent without waiting for its answer before watching again: ccxt resolves a
  // trade only for a watch already waiting, and drops it otherwise (the next watch waits for the
  // next trade). Awaiting the answer first lost the trade that came while it was outstanding,
  // and the bench, which plays the next trade only after this one's order, waited for an order
  // that would never come (2 of 3 full runs, "the bare client's trade at rung 364").
  for (;;) {
    const trades = await exchange.watchTrades(symbol as string);
    for (const trade of trades) {
      const price = trade.price as number | undefined;
      if (price === undefined || price < next - step / 2) continue;
      next = Math.round((price + step) / step) * step;
      exchange
        .createOrder(symbol as string, 'market', 'sell', Number(quantity))
        .catch((e: unknown) => fail(e));
    }
  }
};

const fail = (e: unknown): void => {
  process.stderr.write(
    `bare client failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
};

main().catch(fail);
