import { isLeft } from 'fp-ts/Either';
import { MAX_LEVERAGE } from '../usdm/futuresAccount';
import type { PositionSide } from '../usdm/futuresOrder';
import type { VenueMarket } from '../venueMarket';
import { limitOf, page } from './bybitEndpoints';
import { bybitError, paramError } from './bybitError';
import { decimalParam, text } from './bybitOrder';
import { positionJson } from './linearMessages';
import { fail, ok, SYMBOL_INVALID, type Endpoint, type LinearContext } from './linearContext';
import { marketOf, viewOpen } from './linearViews';

// The linear position endpoints: position mode, leverage, and the position list.
const positionSidesOf = (ctx: LinearContext): readonly PositionSide[] =>
  ctx.engine.account.dualSide() ? ['LONG', 'SHORT'] : ['BOTH'];

/** Bybit's position modes: 0 merged single (one-way), 3 both sides (hedge). */
export const switchMode: Endpoint = (ctx, params) => {
  const mode = text(params, 'mode');
  if (mode !== '0' && mode !== '3')
    return fail(paramError(`params error: mode must be 0 (one-way) or 3 (hedge); got ${mode}`));
  const symbol = text(params, 'symbol');
  const coin = text(params, 'coin');
  if (symbol === undefined && coin === undefined)
    return fail(paramError('params error: symbol or coin is required'));
  if (symbol !== undefined && ctx.engine.market(symbol) === undefined) return fail(SYMBOL_INVALID);
  const wanted = mode === '3';
  const { account } = ctx.engine;
  if (account.dualSide() === wanted)
    return fail(bybitError(110025, 'Position mode is not modified'));
  if (account.positions().length > 0)
    return fail(
      bybitError(110024, 'You have an existing position, so position mode cannot be switched'),
    );
  if (ctx.book.views().some(viewOpen))
    return fail(
      bybitError(110028, 'You have open orders, so the position mode cannot be switched'),
    );
  // The venue keeps one position mode for the account: a symbol's switch is the account's.
  account.setDualSide(wanted);
  return ok({});
};

export const setLeverage: Endpoint = (ctx, params) => {
  const market = marketOf(ctx, params);
  if ('retCode' in market) return fail(market);
  const buy = decimalParam(params, 'buyLeverage');
  const sell = decimalParam(params, 'sellLeverage');
  if (isLeft(buy)) return fail(buy.left);
  if (isLeft(sell)) return fail(sell.left);
  if (buy.right === null || sell.right === null)
    return fail(paramError('params error: buyLeverage and sellLeverage are required'));
  if (buy.right !== sell.right)
    return fail(
      paramError(
        'params error: the venue keeps one leverage per symbol; buyLeverage and sellLeverage must be equal',
      ),
    );
  const leverage = buy.right;
  if (leverage < 1 || leverage > MAX_LEVERAGE || Math.round(leverage * 100) !== leverage * 100)
    return fail(bybitError(10001, `leverage invalid: from 1 to ${MAX_LEVERAGE} in steps of 0.01`));
  if (ctx.engine.account.leverage(market.id) === leverage)
    return fail(bybitError(110043, 'Set leverage not modified'));
  ctx.engine.account.setLeverage(market.id, leverage);
  return ok({});
};

export const positionList: Endpoint = (ctx, params) => {
  // The venue trades no inverse contract or option: their lists are empty.
  const category = text(params, 'category');
  if (category !== 'linear') return ok(page(category ?? '', []));
  const market = text(params, 'symbol') === undefined ? null : marketOf(ctx, params);
  if (market !== null && 'retCode' in market) return fail(market);
  const settle = text(params, 'settleCoin');
  if (market === null && settle === undefined && text(params, 'baseCoin') === undefined)
    return fail(paramError('params error: symbol, settleCoin or baseCoin is required'));
  const time = ctx.serverTime();
  // By symbol every side is listed, flat too (a symbol's leverage is read so); otherwise the
  // positions held, as Bybit lists them.
  const rows =
    market !== null
      ? positionSidesOf(ctx).map((side) => positionJson(ctx.engine, market, side, time))
      : ctx.engine.account
          .positions()
          .filter((p) => settle === undefined || ctx.engine.market(p.symbol)?.settle === settle)
          .map((p) =>
            positionJson(
              ctx.engine,
              ctx.engine.market(p.symbol) as VenueMarket,
              p.positionSide,
              time,
            ),
          );
  return ok(page('linear', rows.slice(0, limitOf(params, 20, 200))));
};
