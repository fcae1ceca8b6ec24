import type { CcxtExchangeId } from './exchangeIds';

/**
 * No venue's duplicate-id answer reaches ccxt's `DuplicateOrderId`: ccxt maps them to
 * `InvalidOrder` or `BadRequest` (binance -2010 "Duplicate order sent.", bybit 110072 /
 * 170141, okx sCode 51016, kucoin 400100 "clientOidDuplicated"), so the adapter reads the
 * message, which carries the venue's body. A false match is harmless: a duplicate is only
 * ever adopted through a lookup, never answered by sending again.
 */
const GENERIC =
  /duplicat\w*[^.\n]{0,40}(client|order ?link|cl_?ord|oid|\btext\b)|(client\s?order\s?id|clientoid|orderlinkid|cl_?ord_?id)\w*[^.\n]{0,40}duplicat/i;

const VENUE: Record<CcxtExchangeId, RegExp> = {
  binance: /Duplicate order sent|-4116|DUPLICATED_CLIENT_ORDER_ID/i,
  bybit: /"retCode"\s*:\s*(110072|170141|12141|30001)\b|OrderLinkedID is duplicate/i,
  okx: /"sCode"\s*:\s*"51016"|Duplicated clOrdId/i,
  gate: /REPEATED_CREATION/,
  bitget: /clientOid[^"]{0,40}(exist|repeat)/i,
  kucoin: /clientOidDuplicated|"code"\s*:\s*"?126044/i,
  kraken: /EOrder:[^"\]]*duplicate/i,
  coinbase: /DUPLICATE_CLIENT_ORDER_ID|duplicate client order/i,
};

export const isDuplicateClientOrderId = (exchangeId: CcxtExchangeId, message: string): boolean =>
  VENUE[exchangeId].test(message) || GENERIC.test(message);
