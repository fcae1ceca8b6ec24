import type { Order } from 'ccxt';
import type { AdapterContext } from './adapterContext';
import type { CcxtOrderArgs } from './orderArgs';

interface OkxAlgoApi {
  createOrderRequest(
    symbol: string,
    type: string,
    side: string,
    amount: number,
    price: number | undefined,
    params: Record<string, unknown>,
  ): Record<string, unknown>;
  privatePostTradeOrderAlgo(request: Record<string, unknown>): Promise<{ data?: unknown[] }>;
}

/**
 * okx keeps a stop in its algo service (`/api/v5/trade/order-algo`), whose client id is
 * `algoClOrdId`: ccxt's create would send ours as `clOrdId`, which that endpoint does not
 * take, so the request ccxt builds is sent there with the id where okx reads it (ccxt's
 * signing then adds its broker `clOrdId` and `tag`, as on every okx create without one).
 */
const createOkxStop = async (
  ctx: AdapterContext,
  a: CcxtOrderArgs,
  wire: string,
): Promise<Order> => {
  const okx = ctx.exchange as unknown as OkxAlgoApi;
  const built = okx.createOrderRequest(a.symbol, a.type, a.side, a.amount, a.price, a.params);
  const response = await okx.privatePostTradeOrderAlgo({
    ...ctx.exchange.omit(built, 'clOrdId'),
    algoClOrdId: wire,
  });
  const answer = ctx.exchange.parseOrder(
    (response.data?.[0] ?? {}) as Record<string, unknown>,
    ctx.exchange.market(a.symbol),
  );
  return {
    ...answer,
    type: a.type,
    side: a.side,
    amount: a.amount,
    triggerPrice: a.params['stopLossPrice'] as number,
  } as Order;
};

/** Sends one create of the engine's order, a native stop where the venue keeps it apart. */
export const createOnVenue = (
  ctx: AdapterContext,
  a: CcxtOrderArgs,
  wire: string,
  nativeStop: boolean,
): Promise<Order> =>
  nativeStop && ctx.exchangeId === 'okx'
    ? createOkxStop(ctx, a, wire)
    : ctx.exchange.createOrder(a.symbol, a.type, a.side, a.amount, a.price, a.params);
