import type { ExchangeReport } from '@smart-orders/engine';
import { describeExchangeContract } from '@smart-orders/testkit';
import { startVenue, type VenueTick } from '@smart-orders/venue';
import { getCcxtExchange } from './getCcxtExchange';

// Real sockets on a shared machine: generous, though a case takes well under a second.
jest.setTimeout(30_000);

const T0 = 1_700_000_000_000;
const API_KEY = 'contract-key';
const SECRET = 'contract-secret';
// The market of the Binance venue's contract test: falling one unit a tick from 100.
const ticks: VenueTick[] = Array.from({ length: 40 }, (_, i) => ({
  type: 'Tick',
  symbol: 'BTC/USDT',
  ts: T0 + i * 1000,
  price: 100 - i,
  bid: 100 - i - 0.5,
  ask: 100 - i + 0.5,
}));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The adapter's bybit as `run --exchange bybit --url` makes it: only the URLs move to the venue.
describeExchangeContract(
  'the ccxt adapter trading on the local venue speaking Bybit v5',
  async () => {
    const venue = await startVenue({
      ticks,
      symbol: 'BTC/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 10_000, BTC: 0 },
      dialect: 'bybit',
    });
    const made = getCcxtExchange({
      exchangeId: 'bybit',
      credentials: { apiKey: API_KEY, secret: SECRET },
      url: venue.url,
      timing: { createDeadlineMs: 500, settleMarginMs: 100 },
    });
    if (made._tag === 'Left') throw new Error(made.left.message);
    const exchange = made.right;
    let told: ExchangeReport[] = [];
    exchange.reports$.subscribe((r) => told.push(r));
    return {
      exchange,
      symbol: 'BTC/USDT',
      quantity: 0.1,
      restingBuyPrice: 50,
      reachedBuyPrice: 99.5,
      lastPrice: 100,
      // Bybit documents that its order history may lag, and bounds no lost create (docs/exchanges.md).
      absenceProvable: false,
      async advance() {
        venue.advance(1);
        // The venue pushes what the tick did on its order topic: collected for a moment.
        await sleep(300);
        const reports = told;
        told = [];
        return reports;
      },
      async close() {
        await exchange.close();
        await venue.close();
      },
    };
  },
);
