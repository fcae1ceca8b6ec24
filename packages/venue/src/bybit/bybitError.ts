import type { BinanceError } from '../binanceError';

/**
 * An error in Bybit v5's words: HTTP 200 with a non-zero `retCode` and its `retMsg`, which ccxt
 * maps by code (10002 → InvalidNonce, 10003/10004 → AuthenticationError, 110001/170213 →
 * OrderNotFound, 170131 → InsufficientFunds, …), so codes and messages are Bybit's own.
 */
export interface BybitError {
  readonly retCode: number;
  readonly retMsg: string;
}

export const bybitError = (retCode: number, retMsg: string): BybitError => ({ retCode, retMsg });

export const paramError = (msg: string): BybitError => bybitError(10001, msg);
export const INVALID_API_KEY = bybitError(10003, 'API key is invalid.');
export const SPOT_ORDER_NOT_FOUND = bybitError(170213, 'Order does not exist.');
export const SPOT_INVALID_SYMBOL = bybitError(170121, 'Invalid symbol.');
export const NOT_SUPPORTED_SYMBOL = bybitError(10001, 'params error: symbol invalid');
const DUPLICATE_LINK_ID = bybitError(110072, 'OrderLinkedID is duplicate');

export const badSign = (origin: string): BybitError =>
  bybitError(10004, `error sign! origin_string[${origin}]`);

/** Bybit holds a request to `server − recvWindow ≤ timestamp < server + 1000`. */
export const outsideRecvWindow = (
  timestamp: number,
  serverTime: number,
  recvWindow: number,
): BybitError =>
  bybitError(
    10002,
    `invalid request, please check your server timestamp or recv_window param. req_timestamp[${timestamp}],server_timestamp[${serverTime}],recv_window[${recvWindow}]`,
  );

/**
 * The shared matching engine refuses in Binance's words; a spot refusal is told the way Bybit's
 * spot trading tells it (a conditional order's trigger already passed: 110092 for one that waits
 * for a rise, 110093 for a fall, with `trigger.text` naming both prices).
 */
export const fromEngine = (
  e: BinanceError,
  trigger: { readonly rising: boolean; readonly text: string },
): BybitError => {
  switch (e.msg) {
    case 'Account has insufficient balance for requested action.':
      return bybitError(170131, 'Insufficient balance.');
    case 'Duplicate order sent.':
      return DUPLICATE_LINK_ID;
    case 'Stop price would trigger immediately.':
      return bybitError(trigger.rising ? 110092 : 110093, trigger.text);
    case 'Order would immediately match and take.':
      return bybitError(
        170218,
        'The LIMIT-MAKER order is rejected due to the order would take liquidity.',
      );
    case 'Unknown order sent.':
    case 'Order does not exist.':
      return SPOT_ORDER_NOT_FOUND;
    case 'Market is closed.':
      return bybitError(170019, 'The trading pair is suspended.');
    case 'Filter failure: PRICE_FILTER':
      return bybitError(170134, 'Order price has too many decimals.');
    case 'Filter failure: LOT_SIZE':
      return bybitError(170137, 'Order quantity has too many decimals.');
    case 'Filter failure: NOTIONAL':
      return bybitError(170140, 'Order value exceeded lower limit.');
    default:
      return bybitError(10001, e.msg);
  }
};
