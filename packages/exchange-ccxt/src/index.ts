export * from './getCcxtExchange';
export * from './exchangeIds';
export * from './connectionEvent';
export type { Timing } from './adapterContext';
export type { TickSource } from './tickStream';
export { wireClientOrderId, clientOrderIdFromWire } from './wireClientOrderId';
export { redactSecrets } from './redactSecrets';
export { pointUrlsAt } from './pointAtUrl';
