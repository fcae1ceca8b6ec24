import type { Exchange, ExchangeOrder, OrderRequest } from '@smart-orders/engine';
import {
  contractClientOrderId,
  type ExchangeHarness,
  type ExchangeUnderTest,
} from './exchangeHarness';

const right = <T>(
  e: { _tag: 'Left'; left: { message: string } } | { _tag: 'Right'; right: T },
): T => {
  if (e._tag === 'Left') throw new Error(`the exchange answered an error: ${e.left.message}`);
  return e.right;
};

let counter = 0;
const request = (
  venue: ExchangeUnderTest,
  overrides: Partial<OrderRequest> & Pick<OrderRequest, 'type'>,
): OrderRequest => ({
  clientOrderId: contractClientOrderId(
    overrides.type === 'MARKET' ? 'flatten' : 'entry',
    (counter += 1),
  ),
  orderId: 'contract',
  symbol: venue.symbol,
  side: 'BUY',
  quantity: venue.quantity,
  reduceOnly: false,
  ts: 1,
  ...overrides,
});

const openIds = async (exchange: Exchange, symbol: string): Promise<string[]> =>
  right(await exchange.openOrders(symbol)).map((o) => o.clientOrderId);

/** Until the exchange says the order has reached `status`, moving the market on meanwhile. */
const settle = async (
  venue: ExchangeUnderTest,
  clientOrderId: string,
  done: (o: ExchangeOrder) => boolean,
): Promise<ExchangeOrder | null> => {
  for (let i = 0; i < 20; i++) {
    const found = right(await venue.exchange.lookup(clientOrderId, venue.symbol));
    if (found !== null && done(found)) return found;
    await venue.advance();
  }
  return right(await venue.exchange.lookup(clientOrderId, venue.symbol));
};

/**
 * The exchange contract (docs/exchanges.md): what the engine relies on from every exchange
 * adapter, run against a real instance of it. An adapter that passes can be handed to
 * `createEngine`: its answers are found again by client order id, an order is never placed
 * twice under one id, an unknown id is provably absent (or not answered as absent where the
 * venue offers no proof), a fill is told by its cumulative quantity, and the account reads
 * answer.
 */
export const describeExchangeContract = (name: string, harness: ExchangeHarness): void => {
  describe(`the exchange contract: ${name}`, () => {
    let venue: ExchangeUnderTest;
    beforeEach(async () => {
      venue = await harness();
    });
    afterEach(async () => {
      await venue.close();
    });

    it('answers a request with the order under its client order id, and finds it again by that id', async () => {
      const limit = request(venue, { type: 'LIMIT', price: venue.restingBuyPrice });
      const placed = right(await venue.exchange.place(limit));
      expect(placed).toMatchObject({
        clientOrderId: limit.clientOrderId,
        symbol: venue.symbol,
        side: 'BUY',
        type: 'LIMIT',
        status: 'OPEN',
        quantity: venue.quantity,
        filledQuantity: 0,
      });
      expect(right(await venue.exchange.lookup(limit.clientOrderId, venue.symbol))).toMatchObject({
        clientOrderId: limit.clientOrderId,
        status: 'OPEN',
      });
      expect(await openIds(venue.exchange, venue.symbol)).toContain(limit.clientOrderId);
    });

    it('never places two orders under one client order id', async () => {
      const limit = request(venue, { type: 'LIMIT', price: venue.restingBuyPrice });
      await venue.exchange.place(limit);
      const again = await venue.exchange.place(limit);
      // The second request is answered with the order that exists, or refused: never a second order.
      if (again._tag === 'Right') expect(again.right.clientOrderId).toBe(limit.clientOrderId);
      else expect(again.left.code).not.toBe('NETWORK');
      const ids = await openIds(venue.exchange, venue.symbol);
      expect(ids.filter((id) => id === limit.clientOrderId)).toHaveLength(1);
    });

    it('says an id it never saw is provably absent, or, where the venue offers no proof, that it cannot tell', async () => {
      const unknown = contractClientOrderId('entry', 999_999);
      expect(await venue.exchange.lookup(unknown, venue.symbol)).toEqual(
        venue.absenceProvable === false
          ? { _tag: 'Left', left: expect.objectContaining({ code: 'NETWORK' }) }
          : { _tag: 'Right', right: null },
      );
    });

    it('cancels a resting order, says so, and no longer lists it as working', async () => {
      const limit = request(venue, { type: 'LIMIT', price: venue.restingBuyPrice });
      right(await venue.exchange.place(limit));
      const cancelled = right(await venue.exchange.cancel(limit.clientOrderId, venue.symbol));
      expect(cancelled).toMatchObject({ clientOrderId: limit.clientOrderId, status: 'CANCELED' });
      expect(right(await venue.exchange.lookup(limit.clientOrderId, venue.symbol))).toMatchObject({
        status: 'CANCELED',
        filledQuantity: 0,
      });
      expect(await openIds(venue.exchange, venue.symbol)).not.toContain(limit.clientOrderId);
    });

    it('fills a market order in full, and tells its fill by the cumulative quantity and average price', async () => {
      const market = request(venue, { type: 'MARKET', triggerPrice: venue.lastPrice });
      right(await venue.exchange.place(market));
      const filled = await settle(venue, market.clientOrderId, (o) => o.status === 'FILLED');
      expect(filled).toMatchObject({ status: 'FILLED', filledQuantity: venue.quantity });
      expect(filled?.averagePrice).toBeGreaterThan(0);
    });

    it('fills a resting limit that the market reaches, at its limit or better, and reports the fill', async () => {
      const limit = request(venue, { type: 'LIMIT', price: venue.reachedBuyPrice });
      right(await venue.exchange.place(limit));
      const told = await venue.advance();
      const filled = await settle(venue, limit.clientOrderId, (o) => o.status === 'FILLED');
      expect(filled).toMatchObject({ status: 'FILLED', filledQuantity: venue.quantity });
      expect(filled?.averagePrice ?? Infinity).toBeLessThanOrEqual(venue.reachedBuyPrice);
      // The fill is told, by the tick's answer or the order stream, with its cumulative quantity.
      const reports = [...told, ...(await venue.advance())].filter(
        (r) => r.clientOrderId === limit.clientOrderId && r.execType === 'TRADE',
      );
      expect(reports.length).toBeGreaterThan(0);
      expect(reports.at(-1)?.cumulativeQuantity ?? reports.at(-1)?.lastQuantity).toBe(
        venue.quantity,
      );
    });

    it('answers the account reads: positions, balances, working orders', async () => {
      expect(await venue.exchange.positions()).toMatchObject({ _tag: expect.any(String) });
      expect(right(await venue.exchange.balances())).toEqual(expect.any(Array));
      expect(right(await venue.exchange.openOrders())).toEqual(expect.any(Array));
    });
  });
};
