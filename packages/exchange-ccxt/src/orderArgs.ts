import { left, right, type Either } from 'fp-ts/Either';
import type { Exchange as CcxtInstance, MarketInterface } from 'ccxt';
import { ccxt } from './ccxtModule';
import { ceilToTick } from '@smart-orders/core';
import type { ExchangeError, OrderRequest } from '@smart-orders/engine';
import type { CcxtExchangeId } from './exchangeIds';
import { hedgeParams } from './hedgeParams';
import { VENUE_PROFILES } from './venueProfile';

/** The arguments of one ccxt `createOrder`, in the venue's units (contracts on derivatives). */
export interface CcxtOrderArgs {
  readonly symbol: string;
  readonly type: 'market' | 'limit';
  readonly side: 'buy' | 'sell';
  readonly amount: number;
  readonly price: number | undefined;
  readonly params: Record<string, unknown>;
}

export interface OrderArgsInput {
  readonly exchange: CcxtInstance;
  readonly exchangeId: CcxtExchangeId;
  readonly request: OrderRequest;
  readonly wireClientOrderId: string;
  /** Price a market order is expected to fill near (the trigger tick's, or the book's). */
  readonly referencePrice: number | undefined;
  /** How far beyond the reference price a marketable limit buy may fill (0.01 = 1 %). */
  readonly slippage: number;
  readonly extraParams: Record<string, unknown>;
  /** The symbol's account is in hedge mode: the order names its side (`hedgeParams.ts`). */
  readonly hedged?: boolean;
}

// ccxt drops `clientOrderId` on coinbase and sends its own `ccxt-<uuid>`; gate's `text` is
// already prefixed by `wireClientOrderId`, so ccxt leaves it alone.
const clientOrderIdParams = (exchangeId: CcxtExchangeId, wire: string): Record<string, string> => {
  switch (exchangeId) {
    case 'gate':
      return { text: wire };
    case 'bitget':
    case 'kucoin':
      return { clientOid: wire };
    case 'coinbase':
      return { client_order_id: wire };
    default:
      return { clientOrderId: wire };
  }
};

// A reduce-only stop-market that fires when the last price reaches the stop: binance routes
// it to the USDⓈ-M algo service as STOP_MARKET with `clientAlgoId`; bybit's `stopLossPrice`
// sets `triggerDirection` from the side (a sell falls to it, a buy rises to it); okx's makes
// a `conditional` algo order whose stop-loss leg (`slTriggerPx`, `slOrdPx` -1: market) fires
// by the side in the same way.
const stopParams = (exchangeId: CcxtExchangeId, stopPrice: number): Record<string, unknown> => {
  switch (exchangeId) {
    case 'bybit':
    case 'okx':
      return { stopLossPrice: stopPrice };
    default:
      return { triggerPrice: stopPrice };
  }
};

export const contractSizeOf = (market: MarketInterface): number =>
  market.contract === true ? (market.contractSize ?? 1) : 1;

/** A spot market buy the venue sizes in quote, sent as a marketable limit IOC instead. */
export const needsLimitIocBuy = (
  exchangeId: CcxtExchangeId,
  market: MarketInterface,
  request: OrderRequest,
): boolean =>
  VENUE_PROFILES[exchangeId].spotMarketBuy === 'limitIoc' &&
  market.spot === true &&
  request.type === 'MARKET' &&
  request.side === 'BUY';

/**
 * An order that makes sense on the venue: amounts truncated to the step (an exit never
 * exceeds the position it closes), prices on the tick, the venue's minimum amount and order
 * value checked before sending (ccxt does not), reduce-only on derivatives only, and in hedge
 * mode the side of the account the order trades.
 */
export const orderArgs = (input: OrderArgsInput): Either<ExchangeError, CcxtOrderArgs> => {
  const { exchange, exchangeId, request } = input;
  const where = `${exchangeId} ${request.symbol}`;
  const rejected = (rule: string, detail: string): Either<ExchangeError, CcxtOrderArgs> =>
    left({ code: 'REJECTED', message: `${where}: ${rule}: ${detail}` });
  const market = exchange.markets?.[request.symbol];
  if (market === undefined) return rejected('UNKNOWN_SYMBOL', 'the venue lists no such market');
  const contractSize = contractSizeOf(market);
  const units = Number(ccxt.Precise.stringDiv(String(request.quantity), String(contractSize), 18));
  let amount: number;
  try {
    amount = Number(exchange.amountToPrecision(request.symbol, units));
  } catch {
    return rejected(
      'MIN_AMOUNT',
      `${request.quantity} rounds down to nothing at the amount step ${market.precision.amount}`,
    );
  }
  const minAmount = market.limits.amount?.min;
  if (minAmount !== undefined && amount < minAmount) {
    return rejected('MIN_AMOUNT', `${amount} is below the minimum amount ${minAmount}`);
  }
  const limitIoc = needsLimitIocBuy(exchangeId, market, request);
  let price: number | undefined;
  let stopPrice: number | undefined;
  if (request.type === 'STOP') {
    if (request.stopPrice === undefined)
      return rejected('STOP_PRICE_REQUIRED', 'a STOP order needs a stopPrice');
    if (!request.reduceOnly)
      return rejected('STOP_REDUCE_ONLY', 'a native stop only ever reduces the position');
    stopPrice = Number(exchange.priceToPrecision(request.symbol, request.stopPrice));
  } else if (request.type === 'LIMIT') {
    if (request.price === undefined)
      return rejected('PRICE_REQUIRED', 'a LIMIT order needs a price');
    price = Number(exchange.priceToPrecision(request.symbol, request.price));
  } else if (limitIoc) {
    const tick = market.precision.price;
    if (input.referencePrice === undefined || tick === undefined) {
      return rejected('PRICE_REQUIRED', 'a market buy sized in base needs a reference price');
    }
    const capped = ccxt.Precise.stringMul(
      String(input.referencePrice),
      ccxt.Precise.stringAdd('1', String(input.slippage)),
    );
    price = ceilToTick(Number(capped), tick);
  }
  const reference = price ?? stopPrice ?? input.referencePrice;
  const minCost = market.limits.cost?.min;
  if (minCost !== undefined && reference !== undefined) {
    const notional = Number(
      ccxt.Precise.stringMul(
        ccxt.Precise.stringMul(String(amount), String(contractSize)),
        String(reference),
      ),
    );
    if (notional < minCost) {
      return rejected(
        'MIN_NOTIONAL',
        `${amount} × ${reference} = ${notional} ${market.quote} is below the minimum order value ${minCost} ${market.quote}`,
      );
    }
  }
  const hedge =
    market.contract === true && input.hedged === true ? hedgeParams(exchangeId, request) : null;
  const reduceOnly = market.contract === true && (hedge?.reduceOnly ?? request.reduceOnly);
  return right({
    symbol: request.symbol,
    type: request.type === 'LIMIT' || limitIoc ? 'limit' : 'market',
    side: request.side === 'BUY' ? 'buy' : 'sell',
    amount,
    price,
    params: {
      ...clientOrderIdParams(exchangeId, input.wireClientOrderId),
      ...(reduceOnly ? { reduceOnly: true } : {}),
      ...(hedge === null ? {} : hedge.params),
      ...(limitIoc ? { timeInForce: 'IOC' } : {}),
      ...(stopPrice === undefined ? {} : stopParams(exchangeId, stopPrice)),
      ...input.extraParams,
    },
  });
};
