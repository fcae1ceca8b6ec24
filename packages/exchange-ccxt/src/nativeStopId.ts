import type { CcxtExchangeId } from './exchangeIds';
import { clientOrderIdFromWire } from './wireClientOrderId';

// Purpose `n` of the core's ids: the order rests as a trigger order, which several venues
// keep in a list and under endpoints of their own.
const NATIVE_STOP_ID = /^son\d{1,3}r\d{1,6}[0-9a-z]{16}$/;

export const isNativeStopId = (clientOrderId: string): boolean =>
  NATIVE_STOP_ID.test(clientOrderId);

export const isNativeStopWire = (exchangeId: CcxtExchangeId, wire: string): boolean =>
  isNativeStopId(clientOrderIdFromWire(exchangeId, wire));
