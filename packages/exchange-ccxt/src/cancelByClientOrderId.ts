import type { Exchange as CcxtInstance } from 'ccxt';
import type { CcxtExchangeId } from './exchangeIds';
import { isNativeStopWire } from './nativeStopId';

/**
 * Asks the venue to cancel the order with this client order id. The answer is not read:
 * several venues return only a count or the ids, so the caller looks the order up after.
 * `exchangeOrderId` is needed on coinbase, which cancels by its own ids only, and for okx's
 * native stops (algo orders).
 */
export const cancelByClientOrderId = async (
  exchange: CcxtInstance,
  exchangeId: CcxtExchangeId,
  symbol: string,
  wire: string,
  exchangeOrderId: string | undefined,
): Promise<void> => {
  const none = undefined as unknown as string;
  switch (exchangeId) {
    case 'gate':
      // Gate takes the `text` where the order id goes; ccxt ignores a `clientOrderId` here.
      await exchange.cancelOrder(wire, symbol);
      return;
    case 'bybit':
      // ccxt passes `clientOrderId` through under that name, which bybit does not know.
      await exchange.cancelOrder(none, symbol, { orderLinkId: wire });
      return;
    case 'bitget':
    case 'kucoin':
      await exchange.cancelOrder(none, symbol, { clientOid: wire });
      return;
    case 'coinbase':
      await exchange.cancelOrder(exchangeOrderId ?? none, symbol);
      return;
    case 'okx':
      // okx cancels an algo order by its `algoId` (cancel-algos).
      if (isNativeStopWire(exchangeId, wire)) {
        await exchange.cancelOrder(exchangeOrderId ?? none, symbol, { trigger: true });
        return;
      }
      await exchange.cancelOrder(none, symbol, { clientOrderId: wire });
      return;
    case 'binance':
      // A native stop rests in the USDⓈ-M algo service, cancelled there by `clientAlgoId`.
      await exchange.cancelOrder(none, symbol, {
        clientOrderId: wire,
        ...(isNativeStopWire(exchangeId, wire) ? { trigger: true } : {}),
      });
      return;
    default:
      await exchange.cancelOrder(none, symbol, { clientOrderId: wire });
  }
};
