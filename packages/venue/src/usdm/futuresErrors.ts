import { binanceError, type BinanceError } from '../binanceError';

/** USDⓈ-M's own refusals, in Binance's words (ccxt maps them by code and message). */
export const MARGIN_INSUFFICIENT = binanceError(-2019, 'Margin is insufficient.');
export const REDUCE_ONLY_REJECTED = binanceError(-2022, 'ReduceOnly Order is rejected.');
export const WOULD_TRIGGER = binanceError(-2021, 'Order would immediately trigger.');
export const POSITION_SIDE_MISMATCH = binanceError(
  -4061,
  "Order's position side does not match user's setting.",
);
export const REDUCE_ONLY_IN_HEDGE = binanceError(
  -1106,
  "Parameter 'reduceOnly' sent when not required.",
);
export const DUPLICATE_CLIENT_ID = binanceError(-4116, 'ClientOrderId is duplicated.');
export const NO_NEED_TO_CHANGE_SIDE = binanceError(-4059, 'No need to change position side.');
export const SIDE_CHANGE_WITH_POSITION = binanceError(
  -4068,
  'Position side cannot be changed if there exists position.',
);
export const SIDE_CHANGE_WITH_ORDERS = binanceError(
  -4067,
  'Position side cannot be changed if there exists open orders.',
);
export const NO_NEED_TO_CHANGE_MARGIN = binanceError(-4046, 'No need to change margin type.');
export const MARGIN_TYPE_WITH_POSITION = binanceError(
  -4048,
  'Margin type cannot be changed if there exists position.',
);
export const USE_ALGO_SERVICE = binanceError(
  -4120,
  'Order type not supported for this endpoint. Please use the Algo Order API endpoints instead.',
);
export const POST_ONLY_WOULD_TAKE = binanceError(
  -5022,
  'Due to the order could not be executed as maker, the Post Only order will be rejected.',
);

export const minNotional = (min: number): BinanceError =>
  binanceError(
    -4164,
    `Order's notional must be no smaller than ${min} (unless you choose reduce only).`,
  );

export const badLeverage = (max: number): BinanceError =>
  binanceError(-4028, `Leverage is not valid; it must be an integer from 1 to ${max}.`);

/** An amend may not ask for less than the order has filled. */
export const AMEND_BELOW_FILLED = binanceError(
  -1102,
  "Parameter 'quantity' must be above the quantity already filled.",
);
