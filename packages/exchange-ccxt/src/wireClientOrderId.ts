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

// Gate requires `text` to start with `t-`, and ccxt refuses a `text` of more than 28 characters
// with that prefix counted in. The engine's ids all start with `so`, so on Gate the `so` gives
// way to the `t-`: every id the core makes (27 characters at most) fits, losslessly.
const GATE_PREFIX = 't-';
const ENGINE_PREFIX = 'so';
const GATE_WIRE_LIMIT = 28;

// What follows `so` in every id the core makes: a purpose letter, level, `r`, attempt, hash.
const ENGINE_ID_TAIL = /^[a-z]\d{1,3}r\d{1,6}[0-9a-z]{16}$/;

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
    allowed:
      'an engine id ("so…") of up to 28 characters, sent as text "t-…" in its place, or any other of up to 26 of [A-Za-z0-9_.-], sent as "t-<id>" (28 in all)',
    toWire: (cid) => {
      const wire = cid.startsWith(ENGINE_PREFIX)
        ? GATE_PREFIX + cid.slice(ENGINE_PREFIX.length)
        : GATE_PREFIX + cid;
      return wire.length <= GATE_WIRE_LIMIT ? wire : null;
    },
    fromWire: (wire) => {
      if (!wire.startsWith(GATE_PREFIX)) return wire;
      const rest = wire.slice(GATE_PREFIX.length);
      return ENGINE_ID_TAIL.test(rest) ? ENGINE_PREFIX + rest : rest;
    },
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
