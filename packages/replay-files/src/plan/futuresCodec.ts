import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { Bool, closed, literals, rule } from '@smart-orders/core';

const DERIVATIVE_SYMBOL = /^[A-Za-z0-9.\-_]{1,20}\/[A-Za-z0-9.\-_]{1,20}:[A-Za-z0-9.\-_]{1,20}$/;

/** 1 to 125, the widest range a venue here offers (Binance USDⓈ-M); the venue's bracket may be narrower. */
const Leverage = rule(
  'an integer from 1 to 125',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= 125,
);

/**
 * One derivatives symbol's settings (docs/exchanges.md "Futures settings"): what `run` checks
 * at start, and changes where `set` is true; `liquidationBufferPct`, how far from its
 * liquidation price a stop must lie and a position must stay (docs/domain.md).
 */
export const FuturesSymbolSpec = closed(
  'FuturesSymbol',
  {},
  {
    leverage: Leverage,
    marginMode: literals(['cross', 'isolated'] as const),
    positionMode: literals(['oneWay', 'hedge'] as const),
    set: Bool,
    liquidationBufferPct: rule(
      'a percentage strictly between 0 and 100',
      (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0 && u < 100,
    ),
  },
);
export type FuturesSymbolSpec = t.TypeOf<typeof FuturesSymbolSpec>;

export type FuturesSection = Readonly<Record<string, FuturesSymbolSpec>>;

/**
 * A plan's `futures` section: settings by ccxt derivatives symbol (`BTC/USDT:USDT`). The
 * position mode is the account's on Binance, so a plan that names it names one for all.
 */
export const FuturesSectionCodec = new t.Type<FuturesSection, FuturesSection, unknown>(
  'Futures',
  (u): u is FuturesSection =>
    typeof u === 'object' &&
    u !== null &&
    !Array.isArray(u) &&
    Object.entries(u).every(([k, v]) => DERIVATIVE_SYMBOL.test(k) && FuturesSymbolSpec.is(v)),
  (u, c) => {
    if (typeof u !== 'object' || u === null || Array.isArray(u))
      return t.failure(u, c, 'must be an object of settings by derivatives symbol (Futures)');
    const errors: t.ValidationError[] = [];
    const out: Record<string, FuturesSymbolSpec> = {};
    let firstMode: [string, string] | undefined;
    for (const [symbol, value] of Object.entries(u as Record<string, unknown>)) {
      const at = t.appendContext(c, symbol, FuturesSymbolSpec, value);
      if (!DERIVATIVE_SYMBOL.test(symbol)) {
        errors.push({
          value,
          context: at,
          message: `must be a ccxt derivatives symbol like "BTC/USDT:USDT", got ${JSON.stringify(symbol)}`,
        });
        continue;
      }
      const decoded = FuturesSymbolSpec.validate(value, at);
      if (isLeft(decoded)) {
        errors.push(...decoded.left);
        continue;
      }
      const mode = decoded.right.positionMode;
      if (mode !== undefined && firstMode !== undefined && firstMode[1] !== mode)
        errors.push({
          value: mode,
          context: t.appendContext(at, 'positionMode', t.unknown, mode),
          message: `must be the same for every symbol (Binance holds one position mode per account): ${firstMode[0]} says "${firstMode[1]}", got "${mode}"`,
        });
      else if (mode !== undefined) firstMode ??= [symbol, mode];
      out[symbol] = decoded.right;
    }
    return errors.length > 0 ? t.failures(errors) : t.success(out);
  },
  t.identity,
);
