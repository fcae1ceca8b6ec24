import * as ccxt from 'ccxt';
import { startVenue, type Venue } from '../startVenue';
import {
  API_KEY,
  controlGet,
  eventually,
  SECRET,
  ticks,
} from '../testing/venueFixtures.spec.helper';
import { pointCcxtBybitAtVenue, type CcxtProBybit } from './ccxtBybitForVenue';

// ccxt loads every market category and the coins before its first call: a dozen requests, which
// take seconds on a loaded machine.
jest.setTimeout(30_000);

const PERP = 'BTC/USDT:USDT';

/**
 * The real `ccxt.pro.bybit`, with its default options, trading USDT perpetuals on
 * `--dialect bybit --market usdm` (`category=linear`): leverage, position mode and
 * `positionIdx`, reduce-only exits, a conditional stop amended and fired by the recording, and
 * the private topics.
 */
describe('the bybit dialect on linear perpetuals, traded by ccxt.pro.bybit', () => {
  let venue: Venue;
  let ex: CcxtProBybit;

  const start = async (rows: Parameters<typeof ticks>[0]) => {
    venue = await startVenue({
      ticks: ticks(rows),
      symbol: PERP,
      marketType: 'usdm',
      step: true,
      apiKey: API_KEY,
      secret: SECRET,
      balances: { USDT: 10_000 },
      dialect: 'bybit',
    });
    ex = pointCcxtBybitAtVenue(
      new ccxt.pro.bybit({ apiKey: API_KEY, secret: SECRET, enableRateLimit: false }),
      venue.url,
    );
  };

  afterEach(async () => {
    await ex.close();
    await venue.close();
  });

  it('loads the perpetual and the unified wallet, sets leverage and hedge mode, and trades a long and a short closed reduce-only by positionIdx', async () => {
    await start([100, 101]);
    const markets = await ex.loadMarkets();
    expect(Object.keys(markets)).toEqual([PERP]);
    expect(markets[PERP]).toEqual(
      expect.objectContaining({
        id: 'BTCUSDT',
        swap: true,
        linear: true,
        settle: 'USDT',
        contractSize: 1,
        precision: expect.objectContaining({ amount: 0.00001, price: 0.01 }),
        limits: expect.objectContaining({ cost: expect.objectContaining({ min: 5 }) }),
      }),
    );
    expect((await ex.fetchBalance())['USDT']).toEqual(
      expect.objectContaining({ free: 10_000, total: 10_000 }),
    );

    expect(await ex.fetchLeverage(PERP)).toEqual(
      expect.objectContaining({ longLeverage: 20, shortLeverage: 20 }),
    );
    await ex.setLeverage(5, PERP);
    expect((await ex.fetchLeverage(PERP)).longLeverage).toBe(5);
    // Bybit refuses a leverage that changes nothing (110043), as it does a mode (110025).
    await expect(ex.setLeverage(5, PERP)).rejects.toBeInstanceOf(ccxt.BadRequest);
    await ex.setPositionMode(true, PERP);
    await expect(ex.setPositionMode(true, PERP)).rejects.toBeInstanceOf(ccxt.NoChange);
    // A one-way order on a hedge-mode account names no side: refused.
    await expect(ex.createOrder(PERP, 'market', 'buy', 1)).rejects.toBeInstanceOf(ccxt.BadRequest);

    const long = await ex.createOrder(PERP, 'market', 'buy', 1, undefined, {
      positionIdx: 1,
      clientOrderId: 'long-1',
    });
    await ex.createOrder(PERP, 'market', 'sell', 0.5, undefined, {
      positionIdx: 2,
      clientOrderId: 'short-1',
    });
    const held = await ex.fetchPositions([PERP]);
    expect(
      held.map((p) => ({
        side: p.side,
        contracts: p.contracts,
        hedged: p.hedged,
        entry: p.entryPrice,
      })),
    ).toEqual([
      { side: 'long', contracts: 1, hedged: true, entry: 100 },
      { side: 'short', contracts: 0.5, hedged: true, entry: 100 },
    ]);
    // Each side takes its own margin at leverage 5: 20 + 10 USDT of the wallet.
    const balance = await ex.fetchBalance();
    expect(balance['USDT']?.free).toBeCloseTo(10_000 - 30 - 0.15, 6);

    const [filled] = await ex.fetchCanceledAndClosedOrders(PERP, undefined, undefined, {
      orderLinkId: 'long-1',
    });
    expect(filled).toEqual(
      expect.objectContaining({
        id: long.id,
        status: 'closed',
        filled: 1,
        average: 100,
        reduceOnly: false,
        fee: expect.objectContaining({ cost: 0.1, currency: 'USDT' }),
      }),
    );

    // Reduce-only exits by positionIdx (Bybit keeps reduceOnly beside it in hedge mode).
    await ex.createOrder(PERP, 'market', 'sell', 1, undefined, {
      positionIdx: 1,
      reduceOnly: true,
      clientOrderId: 'long-exit',
    });
    await ex.createOrder(PERP, 'market', 'buy', 0.5, undefined, {
      positionIdx: 2,
      reduceOnly: true,
      clientOrderId: 'short-exit',
    });
    expect((await ex.fetchPositions([PERP])).filter((p) => Number(p.contracts) !== 0)).toEqual([]);
    // Nothing left to reduce: Bybit's 110017, a final refusal for ccxt.
    await expect(
      ex.createOrder(PERP, 'market', 'sell', 1, undefined, { positionIdx: 1, reduceOnly: true }),
    ).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    // A client id is never taken twice.
    await expect(
      ex.createOrder(PERP, 'market', 'buy', 1, undefined, {
        positionIdx: 1,
        clientOrderId: 'long-1',
      }),
    ).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    // Four fills of 10 bps taker fee on 100 + 50 + 100 + 50 USDT.
    expect((await ex.fetchBalance())['USDT']?.total).toBeCloseTo(10_000 - 0.3, 8);
  });

  it('a reduce-only conditional stop (stopLossPrice) waits, is amended in place by orderLinkId, and fires on the recording', async () => {
    await start([100, 99, 97, 95, 94]);
    await ex.createOrder(PERP, 'market', 'buy', 1, undefined, { clientOrderId: 'entry' });
    const stop = await ex.createOrder(PERP, 'market', 'sell', 1, undefined, {
      stopLossPrice: 98,
      clientOrderId: 'stop-1',
    });
    const [waiting] = await ex.fetchOpenOrders(PERP, undefined, undefined, {
      orderLinkId: 'stop-1',
    });
    expect(waiting).toEqual(
      expect.objectContaining({
        id: stop.id,
        status: 'open',
        triggerPrice: 98,
        stopLossPrice: 98,
        reduceOnly: true,
      }),
    );
    expect(waiting?.info).toEqual(
      expect.objectContaining({
        orderStatus: 'Untriggered',
        triggerDirection: 2,
        stopOrderType: 'Stop',
        positionIdx: 0,
      }),
    );
    // As the adapter moves a native stop: by orderLinkId, with its size and new trigger.
    await ex.editOrder(undefined as unknown as string, PERP, 'market', 'sell', 1, undefined, {
      orderLinkId: 'stop-1',
      stopLossPrice: 96,
    });
    // A trigger the price has already passed is refused: expect Falling (110093).
    venue.advance(1); // 99
    await expect(
      ex.editOrder(undefined as unknown as string, PERP, 'market', 'sell', 1, undefined, {
        orderLinkId: 'stop-1',
        stopLossPrice: 99.5,
      }),
    ).rejects.toThrow(/110093.*expect Falling, but trigger_price\[99\.5\] >= current\[99\]/);
    venue.advance(1); // 97: above the amended trigger
    const [moved] = await ex.fetchOpenOrders(PERP);
    expect(moved).toEqual(expect.objectContaining({ id: stop.id, triggerPrice: 96 }));
    venue.advance(1); // 95: falls through 96
    const [fired] = await ex.fetchCanceledAndClosedOrders(PERP, undefined, undefined, {
      orderLinkId: 'stop-1',
    });
    expect(fired).toEqual(
      expect.objectContaining({ id: stop.id, status: 'closed', filled: 1, average: 95 }),
    );
    expect(fired?.info).toEqual(expect.objectContaining({ orderStatus: 'Filled' }));
    const fills = await ex.fetchMyTrades(PERP);
    expect(fills.find((t) => t.order === stop.id)).toEqual(
      expect.objectContaining({ price: 95, amount: 1 }),
    );
    expect((await ex.fetchPositions([PERP])).filter((p) => Number(p.contracts) !== 0)).toEqual([]);
    // Bought at 100, sold at 95, 10 bps on each side.
    expect((await ex.fetchBalance())['USDT']?.total).toBeCloseTo(10_000 - 5 - 0.1 - 0.095, 8);
    const log = await controlGet<{ clientOrderId: string; type: string; order: object }[]>(
      venue.url,
      '/control/orders',
    );
    expect(log.map((e) => [e.clientOrderId, e.type, e.order])).toEqual([
      ['entry', 'MARKET', expect.objectContaining({ status: 'FILLED' })],
      ['stop-1', 'STOP_MARKET', expect.objectContaining({ algoStatus: 'FINISHED' })],
    ]);
  });

  it('amends a resting limit order in place (price, then size), and one moved across the book takes at once', async () => {
    await start([100, 101]);
    const resting = await ex.createOrder(PERP, 'limit', 'buy', 1, 90, { clientOrderId: 'bid-1' });
    await ex.editOrder(resting.id as string, PERP, 'limit', 'buy', undefined, 95);
    await ex.editOrder(resting.id as string, PERP, 'limit', 'buy', 2, undefined);
    const [moved] = await ex.fetchOpenOrders(PERP);
    expect(moved).toEqual(
      expect.objectContaining({ id: resting.id, clientOrderId: 'bid-1', price: 95, amount: 2 }),
    );
    // Nothing changed: Bybit's 10001.
    await expect(ex.editOrder(resting.id as string, PERP, 'limit', 'buy', 2, 95)).rejects.toThrow(
      /remains unchanged/,
    );
    // Across the book (the tick trades at 100): it fills at once as a taker, same ids.
    await ex.editOrder(resting.id as string, PERP, 'limit', 'buy', undefined, 100);
    const [filled] = await ex.fetchCanceledAndClosedOrders(PERP, undefined, undefined, {
      orderLinkId: 'bid-1',
    });
    expect(filled).toEqual(
      expect.objectContaining({ id: resting.id, status: 'closed', filled: 2, average: 100 }),
    );
    const [position] = (await ex.fetchPositions([PERP])).filter((p) => Number(p.contracts) !== 0);
    expect(position).toEqual(expect.objectContaining({ side: 'long', contracts: 2 }));
  });

  it('tells the account on the private topics: order and execution under the stop id, position and wallet', async () => {
    await start([100, 101, 95]);
    await ex.loadMarkets();
    const orders = ex.watchOrders(PERP);
    // The first answer is ccxt's snapshot (fetchPositions for linear and inverse): none held.
    expect(await ex.watchPositions([PERP])).toEqual([]);
    const positions = ex.watchPositions([PERP]);
    await eventually(
      async () =>
        (await controlGet<{ userData: number }>(venue.url, '/control/state')).userData > 0,
      10_000,
    );
    const entryFill = ex.watchMyTrades(PERP);
    const entry = await ex.createOrder(PERP, 'market', 'buy', 0.2, undefined, {
      clientOrderId: 'ws-entry',
    });
    const seen = await orders;
    expect(seen.find((o) => o.id === entry.id)).toEqual(
      expect.objectContaining({ symbol: PERP, clientOrderId: 'ws-entry' }),
    );
    const [position] = await positions;
    expect(position).toEqual(
      expect.objectContaining({ symbol: PERP, side: 'long', contracts: 0.2 }),
    );
    // The execution topic is live once the entry's fill came on it.
    expect((await entryFill)[0]).toEqual(expect.objectContaining({ order: entry.id }));
    const stop = await ex.createOrder(PERP, 'market', 'sell', 0.2, undefined, {
      stopLossPrice: 97,
      clientOrderId: 'ws-stop',
    });
    const mine = ex.watchMyTrades(PERP);
    venue.advance(2); // 101, then 95 through the stop
    const fills = await mine;
    expect(fills[fills.length - 1]).toEqual(
      expect.objectContaining({
        order: stop.id,
        price: 95,
        amount: 0.2,
        fee: expect.objectContaining({ currency: 'USDT' }),
      }),
    );
    await eventually(() => ex.orders?.find((o) => o.id === stop.id)?.status === 'closed');
    expect(ex.orders?.find((o) => o.id === stop.id)).toEqual(
      expect.objectContaining({ filled: 0.2, clientOrderId: 'ws-stop', symbol: PERP }),
    );
  });
});
