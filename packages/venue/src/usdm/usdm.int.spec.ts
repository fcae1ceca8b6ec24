import * as ccxt from 'ccxt';
import { pointCcxtAtVenue } from '../ccxtForVenue';
import type { OrderLogEntry } from '../orderLog';
import { startVenue, type Venue } from '../startVenue';
import {
  API_KEY,
  controlGet,
  eventually,
  SECRET,
  ticks,
} from '../testing/venueFixtures.spec.helper';

const PERP = 'BTC/USDT:USDT';
// One tick a second: last price with a 1-wide book (bid − 0.5, ask + 0.5).
const PRICES = [100, 100, 101, 102, 99, 97, 95, 96, 100, 104];

type Binanceusdm = InstanceType<(typeof ccxt)['pro']['binanceusdm']>;

describe('the USDⓈ-M venue with ccxt.pro.binanceusdm', () => {
  let venue: Venue;
  let ex: Binanceusdm;

  beforeEach(async () => {
    venue = await startVenue({
      ticks: ticks(PRICES),
      marketType: 'usdm',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 1000 },
    });
    ex = pointCcxtAtVenue(
      new ccxt.pro.binanceusdm({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
      'usdm',
    );
  });

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('loads the perpetual, sets leverage, margin type and hedge mode, and trades a long and a short closed by positionSide', async () => {
    const markets = await ex.loadMarkets();
    expect(Object.keys(markets)).toEqual([PERP]);
    expect(markets[PERP]).toEqual(
      expect.objectContaining({ swap: true, linear: true, settle: 'USDT', contractSize: 1 }),
    );
    await ex.setLeverage(10, PERP);
    await ex.setMarginMode('isolated', PERP);
    await ex.setPositionMode(true);
    expect(await ex.fetchPositionMode(PERP)).toEqual(expect.objectContaining({ hedged: true }));

    await ex.createOrder(PERP, 'market', 'buy', 2, undefined, {
      positionSide: 'LONG',
      clientOrderId: 'long-open',
    });
    await ex.createOrder(PERP, 'market', 'sell', 1, undefined, {
      positionSide: 'SHORT',
      clientOrderId: 'short-open',
    });
    const held = await ex.fetchPositions([PERP]);
    expect(held.map((p) => [p.side, p.contracts, p.entryPrice, p.leverage]).sort()).toEqual([
      // At the tick's trade price, as the fill model fills a taker.
      ['long', 2, 100, 10],
      ['short', 1, 100, 10],
    ]);
    // Hedge mode closes by positionSide; Binance refuses the reduceOnly parameter there.
    await expect(
      ex.createOrder(PERP, 'market', 'sell', 2, undefined, {
        positionSide: 'LONG',
        reduceOnly: true,
      }),
    ).rejects.toThrow("Parameter 'reduceOnly' sent when not required.");
    // And a close larger than the position.
    await expect(
      ex.createOrder(PERP, 'market', 'buy', 3, undefined, { positionSide: 'SHORT' }),
    ).rejects.toThrow('ReduceOnly Order is rejected.');
    venue.advance(3); // 100, 101, 102
    await ex.createOrder(PERP, 'market', 'sell', 2, undefined, {
      positionSide: 'LONG',
      clientOrderId: 'long-close',
    });
    await ex.createOrder(PERP, 'market', 'buy', 1, undefined, {
      positionSide: 'SHORT',
      clientOrderId: 'short-close',
    });
    expect(await ex.fetchPositions([PERP])).toEqual([]);
    const trades = await ex.fetchMyTrades(PERP);
    const pnl = trades.map((t) => Number((t.info as { realizedPnl: string }).realizedPnl));
    // Long 2 from 100 sold at 102: +4; short 1 from 100 bought back at 102: −2.
    expect(pnl).toEqual([0, 0, 4, -2]);
    const balance = await ex.fetchBalance();
    // The default fees, 10 bps of every fill's notional: (200 + 100 + 204 + 102) × 0.001.
    expect(balance['USDT']?.total).toBeCloseTo(1000 + 2 - 0.606, 8);
  });

  it("streams the recording's trades on the routed public stream ccxt.pro opens (/public/ws/…)", async () => {
    await ex.loadMarkets();
    const trades = ex.watchTrades(PERP);
    await eventually(async () =>
      (await controlGet<{ streams: string[] }>(venue.url, '/control/state')).streams.includes(
        'btcusdt@trade',
      ),
    );
    venue.advance(1);
    expect((await trades)[0]).toEqual(expect.objectContaining({ symbol: PERP, price: 100 }));
  });

  it('refuses what Binance refuses: reduce-only with no position, a notional under the minimum, more margin than the wallet, a side the mode does not use', async () => {
    await ex.loadMarkets();
    await expect(
      ex.createOrder(PERP, 'market', 'sell', 1, undefined, { reduceOnly: true }),
    ).rejects.toThrow('ReduceOnly Order is rejected.');
    await expect(ex.createOrder(PERP, 'market', 'buy', 0.01)).rejects.toThrow(
      "Order's notional must be no smaller than 5 (unless you choose reduce only).",
    );
    // 1000 USDT at the default 20× carries 20000 of notional: 250 BTC at 100 is 25000.
    await expect(ex.createOrder(PERP, 'market', 'buy', 250)).rejects.toThrow(
      'Margin is insufficient.',
    );
    await expect(
      ex.createOrder(PERP, 'market', 'buy', 1, undefined, { positionSide: 'LONG' }),
    ).rejects.toThrow("Order's position side does not match user's setting.");
    const log = await controlGet<OrderLogEntry[]>(venue.url, '/control/orders');
    expect(log.map((e) => e.error?.code)).toEqual([-2022, -4164, -2019, -4061]);
  });

  it("raises ccxt's USDⓈ-M errors, as on fapi.binance.com: a refused reduce-only exit is InvalidOrder (a final refusal), not the exchange-wide table's BadResponse (an unknown outcome that would be looked up and sent again)", async () => {
    await ex.loadMarkets();
    const refusal = await ex
      .createOrder(PERP, 'market', 'sell', 1, undefined, { reduceOnly: true })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ccxt.InvalidOrder);
    expect(refusal).not.toBeInstanceOf(ccxt.BadResponse);
    await expect(ex.createOrder(PERP, 'market', 'buy', 250)).rejects.toBeInstanceOf(
      ccxt.InsufficientFunds,
    );
  });

  it('fires a STOP_MARKET of the algo service on the recording: ALGO_UPDATE, the triggered order under the clientAlgoId, a reduce-only exit that leaves the position flat', async () => {
    await ex.loadMarkets();
    await ex.createOrder(PERP, 'market', 'buy', 1, undefined, { clientOrderId: 'entry' });
    const stop = await ex.createOrder(PERP, 'market', 'sell', 1, undefined, {
      triggerPrice: 97,
      reduceOnly: true,
      clientOrderId: 'soe0native',
    });
    expect(stop).toEqual(
      expect.objectContaining({ clientOrderId: 'soe0native', triggerPrice: 97 }),
    );
    expect((stop.info as { algoStatus: string }).algoStatus).toBe('NEW');
    const open = await ex.fetchOpenOrders(PERP, undefined, undefined, { trigger: true });
    expect(open.map((o) => o.clientOrderId)).toEqual(['soe0native']);

    const updates: Record<string, unknown>[] = [];
    const watching = (async () => {
      while (!updates.some((u) => u['X'] === 'FINISHED'))
        for (const o of await ex.watchOrders(PERP)) updates.push({ ...(o.info as object) });
    })();
    await eventually(
      async () =>
        (await controlGet<{ userData: number }>(venue.url, '/control/state')).userData > 0,
    );
    venue.advance(5); // 100, 101, 102, 99, 97: the last price reaches 97
    await watching;
    // ccxt keeps the latest state of an order: the algo order ends FINISHED, having filled 1.
    expect(updates.filter((u) => 'caid' in u).at(-1)).toEqual(
      expect.objectContaining({ X: 'FINISHED', aq: '1.00000000', ap: '97.00000000' }),
    );
    const fill = updates.find((u) => u['x'] === 'TRADE');
    expect(fill).toEqual(
      expect.objectContaining({ c: 'soe0native', ot: 'STOP_MARKET', R: true, L: '97.00000000' }),
    );

    const algo = await ex.fetchOrder(undefined as unknown as string, PERP, {
      clientOrderId: 'soe0native',
      trigger: true,
    });
    const info = algo.info as { algoStatus: string; actualOrderId: string };
    expect(info.algoStatus).toBe('FINISHED');
    const triggered = await ex.fetchOrder(info.actualOrderId, PERP);
    expect(triggered).toEqual(
      expect.objectContaining({
        status: 'closed',
        clientOrderId: 'soe0native',
        filled: 1,
        average: 97,
      }),
    );
    expect(await ex.fetchPositions([PERP])).toEqual([]);
  });

  it('closes the whole position with closePosition, and liquidates an account whose equity falls below its maintenance margin', async () => {
    await ex.loadMarkets();
    await ex.setLeverage(100, PERP);
    // 900 BTC at 100× from 100 on a 1000 USDT wallet less its 90 USDT fee: equity
    // 910 + 900 × (P − 100) falls below the maintenance margin 900 × P × 0.4 % under P = 99.39.
    await ex.createOrder(PERP, 'market', 'buy', 900);
    await ex.createOrder(PERP, 'market', 'sell', undefined as unknown as number, undefined, {
      takeProfitPrice: 150,
      closePosition: true,
      clientOrderId: 'tp-all',
    });
    venue.advance(3); // 100, 101, 102
    expect(
      (await controlGet<{ positions: unknown[] }>(venue.url, '/control/account')).positions,
    ).toHaveLength(1);
    venue.advance(1); // 99: liquidated at the mark
    const account = await controlGet<{ positions: unknown[]; balances: { total: number }[] }>(
      venue.url,
      '/control/account',
    );
    expect(account.positions).toEqual([]);
    // 900 × (99 − 100) = −900 and the close's fee against a 910 wallet: the insurance fund
    // takes the rest.
    expect(account.balances[0]?.total).toBe(0);
    const log = await controlGet<OrderLogEntry[]>(venue.url, '/control/orders');
    expect(log.map((e) => e.clientOrderId)).toEqual([expect.any(String), 'tp-all']);
    const orders = await ex.fetchOrders(PERP);
    expect(orders.some((o) => o.clientOrderId?.startsWith('autoclose-'))).toBe(true);
    // The take-profit was cancelled with the liquidation.
    const tp = await ex.fetchOrder(undefined as unknown as string, PERP, {
      clientOrderId: 'tp-all',
      trigger: true,
    });
    expect((tp.info as { algoStatus: string }).algoStatus).toBe('CANCELED');
  });
});
