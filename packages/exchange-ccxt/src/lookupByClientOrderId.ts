import { ccxt } from './ccxtModule';
import type { Exchange as CcxtInstance, Order } from 'ccxt';
import type { CcxtExchangeId } from './exchangeIds';
import { isNativeStopWire } from './nativeStopId';
import { wireClientOrderIdOf } from './toExchangeOrder';
import { withTradeFees } from './tradeFees';
import { asPlainOrder, childOrderIdOf } from './triggerOrderView';

export interface LookupInput {
  readonly exchange: CcxtInstance;
  readonly exchangeId: CcxtExchangeId;
  readonly symbol: string;
  /** The client order id as the venue knows it (`wireClientOrderId`). */
  readonly wire: string;
  /** Earliest time the order can have been placed: where a scan of closed orders starts. */
  readonly since: number;
}

/** A scan that cannot show it saw everything proves nothing. */
export class IncompleteScan extends ccxt.NetworkError {
  constructor(what: string) {
    super(`${what}: the scan reached its page limit before the end, absence is not proven`);
    this.name = 'IncompleteScan';
  }
}

const SCAN_PAGES = 20;
const PAGE = 100;

const notFoundAsNull = async (find: () => Promise<Order | null>): Promise<Order | null> => {
  try {
    return await find();
  } catch (e) {
    if (e instanceof ccxt.OrderNotFound) return null;
    throw e;
  }
};

const matching = (input: LookupInput, orders: readonly Order[]): Order | null =>
  orders.find((o) => wireClientOrderIdOf(input.exchangeId, o) === input.wire) ?? null;

// An answer without an order id is a venue's "no such order" (kucoin answers `data: null`).
const present = (order: Order): Order | null => (order.id === undefined ? null : order);

/**
 * A native stop kept apart from ordinary orders (binance's USDⓈ-M algo service by
 * `clientAlgoId`, okx's algo orders by `algoClOrdId`), read with `params`. Once triggered, the
 * order it placed in the matching engine holds the fill: that order is read and answered
 * under the stop's client order id, with the stop's trigger price.
 */
const triggerOrder = async (
  input: LookupInput,
  params: Record<string, unknown>,
): Promise<Order | null> => {
  const { exchange, exchangeId, symbol, wire } = input;
  const algo = await notFoundAsNull(async () =>
    present(await exchange.fetchOrder(undefined as unknown as string, symbol, params)),
  );
  const view = algo === null ? null : asPlainOrder(exchangeId, algo);
  const child = algo === null ? undefined : childOrderIdOf(exchangeId, algo);
  if (view === null || child === undefined) return view;
  const placed = await notFoundAsNull(async () =>
    present(await exchange.fetchOrder(child, symbol)),
  );
  return placed === null
    ? view
    : ({ ...placed, clientOrderId: wire, triggerPrice: view.triggerPrice } as Order);
};

/**
 * The venue's order with this client order id, or null when the venue shows it has none.
 * ccxt's unified `fetchOrder(id, symbol, { clientOrderId })` silently does the wrong thing on
 * several venues (kraken sends it as `userref`, coinbase as a path `undefined`, kucoin needs
 * an id anyway), so each venue gets the request that works there.
 */
export const lookupByClientOrderId = async (input: LookupInput): Promise<Order | null> => {
  const { exchange, symbol, wire } = input;
  const placeholder = undefined as unknown as string;
  switch (input.exchangeId) {
    case 'binance':
      if (isNativeStopWire('binance', wire))
        return triggerOrder(input, { clientOrderId: wire, trigger: true });
      return notFoundAsNull(async () =>
        withTradeFees(
          exchange,
          symbol,
          present(await exchange.fetchOrder(placeholder, symbol, { clientOrderId: wire })),
        ),
      );
    case 'okx':
      if (isNativeStopWire('okx', wire))
        return triggerOrder(input, { clOrdId: wire, trigger: true });
      return notFoundAsNull(async () =>
        present(await exchange.fetchOrder(placeholder, symbol, { clOrdId: wire })),
      );
    case 'bitget':
      return notFoundAsNull(async () =>
        present(await exchange.fetchOrder(placeholder, symbol, { clientOid: wire })),
      );
    case 'kucoin':
      // ccxt demands an id it then ignores once `clientOid` is given.
      return notFoundAsNull(async () =>
        present(await exchange.fetchOrder('by-client-oid', symbol, { clientOid: wire })),
      );
    case 'bybit': {
      const open = await exchange.fetchOpenOrders(symbol, undefined, undefined, {
        orderLinkId: wire,
      });
      return (
        matching(input, open) ??
        matching(
          input,
          await exchange.fetchCanceledAndClosedOrders(symbol, undefined, undefined, {
            orderLinkId: wire,
          }),
        )
      );
    }
    case 'kraken': {
      const open = await exchange.fetchOpenOrders(undefined, undefined, undefined, {
        clientOrderId: wire,
      });
      return (
        matching(input, open) ??
        matching(
          input,
          await exchange.fetchClosedOrders(undefined, input.since, undefined, {
            clientOrderId: wire,
          }),
        )
      );
    }
    case 'gate': {
      // Gate answers by `text` while the order rests and for a while after it ends; older
      // finished orders are only found in the list of finished orders.
      const direct = await notFoundAsNull(async () =>
        present(await exchange.fetchOrder(placeholder, symbol, { text: wire })),
      );
      if (direct !== null) return direct;
      const limit = 1000;
      const finished = await exchange.fetchClosedOrders(symbol, input.since, limit);
      const found = matching(input, finished);
      if (found === null && finished.length >= limit)
        throw new IncompleteScan(`gate finished orders of ${symbol}`);
      return found;
    }
    case 'coinbase': {
      const open = await exchange.fetchOpenOrders(symbol, undefined, PAGE, {
        paginate: true,
        paginationCalls: SCAN_PAGES,
      });
      const inOpen = matching(input, open);
      if (inOpen !== null) return inOpen;
      const all = await exchange.fetchOrders(symbol, input.since, PAGE, {
        paginate: true,
        paginationCalls: SCAN_PAGES,
      });
      const found = matching(input, all);
      if (found === null && (all.length >= SCAN_PAGES * PAGE || open.length >= SCAN_PAGES * PAGE)) {
        throw new IncompleteScan(`coinbase orders of ${symbol}`);
      }
      return found;
    }
  }
};
