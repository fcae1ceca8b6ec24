import { left, right, type Either } from 'fp-ts/Either';
import type { ExchangeError } from '@smart-orders/engine';
import type { CcxtExchangeId } from './exchangeIds';
import { packKrakenClientOrderId, unpackKrakenClientOrderId } from './krakenClientOrderId';

interface WireRule {
  readonly pattern: RegExp;
  readonly allowed: string;
  readonly toWire: (cid: string) => string | null;
  readonly fromWire: (wire: string) => string;
}

const asIs = (cid: string): string => cid;

// Gate keeps `text` to 28 characters after the `t-` it requires; ccxt enforces the same.
const GATE_PREFIX = 't-';

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

const RULES: Record<CcxtExchangeId, WireRule> = {
  binance: {
    pattern: /^[.A-Z:/a-z0-9_-]{1,36}$/,
    allowed: '1 to 36 of [.A-Za-z0-9:/_-] (newClientOrderId)',
    toWire: asIs,
    fromWire: asIs,
  },
  bybit: {
    pattern: /^[A-Za-z0-9_-]{1,36}$/,
    allowed: '1 to 36 of [A-Za-z0-9_-] (orderLinkId)',
    toWire: asIs,
    fromWire: asIs,
  },
  okx: {
    pattern: /^[A-Za-z0-9]{1,32}$/,
    allowed: '1 to 32 letters and digits, no hyphen (clOrdId)',
    toWire: asIs,
    fromWire: asIs,
  },
  gate: {
    pattern: /^[A-Za-z0-9_.-]{1,28}$/,
    allowed: '1 to 28 of [A-Za-z0-9_.-], sent as text "t-<id>"',
    toWire: (cid) => GATE_PREFIX + cid,
    fromWire: (wire) => (wire.startsWith(GATE_PREFIX) ? wire.slice(GATE_PREFIX.length) : wire),
  },
  bitget: {
    pattern: /^[A-Za-z0-9_-]{1,50}$/,
    allowed: '1 to 50 of [A-Za-z0-9_-] (clientOid)',
    toWire: asIs,
    fromWire: asIs,
  },
  kucoin: {
    pattern: /^[A-Za-z0-9_-]{1,40}$/,
    allowed: '1 to 40 of [A-Za-z0-9_-] (clientOid)',
    toWire: asIs,
    fromWire: asIs,
  },
  kraken: {
    pattern: /^.+$/,
    allowed:
      'a core client order id (packed into a UUID), a UUID, or 1 to 18 ASCII characters (cl_ord_id)',
    toWire: (cid) =>
      packKrakenClientOrderId(cid) ??
      (UUID.test(cid) || /^[\x21-\x7e]{1,18}$/.test(cid) ? cid : null),
    fromWire: (wire) => unpackKrakenClientOrderId(wire) ?? wire,
  },
  coinbase: {
    pattern: /^[\x21-\x7e]{1,128}$/,
    allowed: '1 to 128 printable ASCII characters (client_order_id)',
    toWire: asIs,
    fromWire: asIs,
  },
};

/** The client order id as the venue's parameter carries it, or why the venue cannot take it. */
export const wireClientOrderId = (
  exchangeId: CcxtExchangeId,
  cid: string,
): Either<ExchangeError, string> => {
  const rule = RULES[exchangeId];
  const wire = rule.pattern.test(cid) ? rule.toWire(cid) : null;
  return wire === null
    ? left({
        code: 'REJECTED',
        message: `client order id "${cid}" cannot be sent to ${exchangeId}: it takes ${rule.allowed}`,
      })
    : right(wire);
};

/** The engine's client order id of a venue's one (reports, lookups). */
export const clientOrderIdFromWire = (exchangeId: CcxtExchangeId, wire: string): string =>
  RULES[exchangeId].fromWire(wire);
