import type { AdapterContext } from './adapterContext';
import type { CcxtOrderArgs } from './orderArgs';

type Endpoint = (request: Record<string, unknown>) => Promise<unknown>;

/** The trigger price a native stop's create arguments carry, by venue. */
export const stopPriceOfArgs = (a: CcxtOrderArgs): unknown =>
  a.params['stopLossPrice'] ?? a.params['triggerPrice'];

/**
 * Asks the venue to move a resting native stop in place, by our client order id: bybit
 * `/v5/order/amend` (`orderLinkId`), okx `/api/v5/trade/amend-algos` (`algoClOrdId`, the
 * stop-loss leg's trigger and size; ccxt's `editOrder` would leak its own parameters into
 * that request). The answer is not read: the caller reads the stop back.
 */
export const amendOnVenue = async (
  ctx: AdapterContext,
  a: CcxtOrderArgs,
  wire: string,
): Promise<void> => {
  const { exchange } = ctx;
  switch (ctx.exchangeId) {
    case 'okx': {
      const amendAlgos = (exchange as unknown as { privatePostTradeAmendAlgos: Endpoint })
        .privatePostTradeAmendAlgos;
      await amendAlgos.call(exchange, {
        instId: exchange.market(a.symbol).id,
        algoClOrdId: wire,
        newSz: exchange.amountToPrecision(a.symbol, a.amount),
        newSlTriggerPx: exchange.priceToPrecision(a.symbol, stopPriceOfArgs(a) as number),
        newSlOrdPx: '-1',
        newSlTriggerPxType: 'last',
      });
      return;
    }
    default:
      // Bybit's amend carries no side; ccxt only insists on one.
      await exchange.editOrder(
        undefined as unknown as string,
        a.symbol,
        a.type,
        a.side,
        a.amount,
        undefined,
        {
          orderLinkId: wire,
          stopLossPrice: a.params['stopLossPrice'],
        },
      );
  }
};
