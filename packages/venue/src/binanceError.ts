/**
 * An error answer in Binance's own words: ccxt maps the code and the exact message to its error
 * classes (e.g. "Account has insufficient balance for requested action." → InsufficientFunds,
 * "Market is closed." → MarketClosed, -2013 → OrderNotFound), so they are copied verbatim.
 */
export interface BinanceError {
  readonly status: number;
  readonly code: number;
  readonly msg: string;
}

export const binanceError = (code: number, msg: string, status = 400): BinanceError => ({
  status,
  code,
  msg,
});

export const INSUFFICIENT_BALANCE = binanceError(
  -2010,
  'Account has insufficient balance for requested action.',
);
export const DUPLICATE_ORDER = binanceError(-2010, 'Duplicate order sent.');
export const STOP_WOULD_TRIGGER = binanceError(-2010, 'Stop price would trigger immediately.');
export const WOULD_TAKE = binanceError(-2010, 'Order would immediately match and take.');
export const UNKNOWN_ORDER = binanceError(-2011, 'Unknown order sent.');
export const ORDER_DOES_NOT_EXIST = binanceError(-2013, 'Order does not exist.');
export const MARKET_CLOSED = binanceError(-1013, 'Market is closed.');
export const INVALID_SYMBOL = binanceError(-1121, 'Invalid symbol.');
export const BAD_SIGNATURE = binanceError(-1022, 'Signature for this request is not valid.');
export const API_KEY_FORMAT = binanceError(-2014, 'API-key format invalid.', 401);
export const INVALID_API_KEY = binanceError(
  -2015,
  'Invalid API-key, IP, or permissions for action.',
  401,
);
export const UNKNOWN_LISTEN_KEY = binanceError(-1125, 'This listenKey does not exist.');
export const ORDER_ID_REQUIRED = binanceError(
  -1102,
  "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!",
);

export const filterFailure = (filter: string): BinanceError =>
  binanceError(-1013, `Filter failure: ${filter}`);

export const mandatoryParameter = (name: string): BinanceError =>
  binanceError(-1102, `Mandatory parameter '${name}' was not sent, was empty/null, or malformed.`);

export const illegalParameter = (name: string, legal: string): BinanceError =>
  binanceError(
    -1100,
    `Illegal characters found in parameter '${name}'; legal range is '${legal}'.`,
  );

/** -1115 timeInForce, -1116 orderType, -1117 side, as Binance numbers them. */
export const invalidEnum = (code: number, name: string, allowed: readonly string[]): BinanceError =>
  binanceError(code, `Invalid ${name}. The venue accepts ${allowed.join(', ')}.`);
