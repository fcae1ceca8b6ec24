import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as ccxt from 'ccxt';
import { isLeft } from 'fp-ts/Either';
import { ceilToTick } from '@smart-orders/core';
import { formatInputError, readTicks } from '@smart-orders/replay-files';
import { pointCcxtAtVenue } from './ccxtForVenue';
import { startVenue, type Venue } from './startVenue';
import { API_KEY, SECRET } from './testing/venueFixtures.spec.helper';
import { withQuantities, type VenueTick } from './venueTick';

/** The recorded data lives beside the repository, not in it: users' clones do not have it. */
const TICKS = join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'ticks');
const present = existsSync(TICKS);
if (!present) console.warn(`skipping the venue over recorded ticks: ${TICKS} is absent`);
const describeShared = present ? describe : describe.skip;

const load = async (name: string, symbol: string): Promise<VenueTick[]> => {
  const file = await readTicks(join(TICKS, name), { symbol });
  if (isLeft(file)) throw new Error(formatInputError(file.left));
  return withQuantities(file.right.ticks, file.right.quantities);
};

describeShared('the venue over a recorded Binance spot day (ETHUSDT quotes, 2024-08-09)', () => {
  let venue: Venue;
  let ex: ccxt.binance;

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('buys at the recorded ask and fills a resting sell when the recorded bid first reaches it', async () => {
    const ticks = await load('binance-spot_ETHUSDT_quotes_20240809.csv', 'ETH/USDT');
    const first = ticks[0] as VenueTick;
    const later = ticks.slice(1);
    const maxBid = Math.max(...later.map((t) => t.bid ?? 0));
    const limit = ceilToTick(((first.bid ?? 0) + maxBid) / 2, 0.01);
    const crossing = later.find((t) => (t.bid ?? 0) >= limit) as VenueTick;

    venue = await startVenue({
      ticks,
      symbol: 'ETH/USDT',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
    });
    ex = pointCcxtAtVenue(
      new ccxt.binance({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
    const buy = await ex.createOrder('ETH/USDT', 'market', 'buy', 1);
    expect(buy).toEqual(
      expect.objectContaining({ status: 'closed', average: first.ask, timestamp: first.ts }),
    );
    // The default fee, 10 bps of the ETH bought, was withheld from it: 0.999 is held.
    const sell = await ex.createOrder('ETH/USDT', 'limit', 'sell', 0.999, limit, {
      clientOrderId: 'sot1r0recorded',
    });
    venue.advance(later.length);
    expect(await ex.fetchOrder(String(sell.id), 'ETH/USDT')).toEqual(
      expect.objectContaining({
        status: 'closed',
        average: limit,
        lastTradeTimestamp: crossing.ts,
      }),
    );
  });
});
