export {
  getCcxtExchange,
  type CcxtConfigError,
  type CcxtCredentials,
  type CcxtExchange,
  type CcxtExchangeOptions,
} from './getCcxtExchange';
export { CCXT_EXCHANGE_IDS, isCcxtExchangeId, type CcxtExchangeId } from './exchangeIds';
export type { ConnectionEvent } from './connectionEvent';
export type { Timing } from './adapterContext';
export type { TickSource } from './tickStream';
export { wireClientOrderId, clientOrderIdFromWire } from './wireClientOrderId';
export { redactSecrets } from './redactSecrets';
export { pointUrlsAt } from './pointAtUrl';
export type { PreflightFailure } from './preflight';
export type {
  FuturesSetting,
  FuturesSettingsFailure,
  FuturesSettingsFound,
  MarginMode,
  PositionMode,
} from './futuresSettings';
