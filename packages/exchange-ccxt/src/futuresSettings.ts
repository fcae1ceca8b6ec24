import { left, right, type Either } from 'fp-ts/Either';
import { marketOf, type AdapterContext } from './adapterContext';
import { classifyError } from './classifyError';
import { ensureMarkets } from './ensureMarkets';

export type PositionMode = 'oneWay' | 'hedge';
export type MarginMode = 'cross' | 'isolated';

/**
 * What a plan wants of one derivatives symbol. A setting given is checked against the
 * venue's at start; with `set` it is changed where it differs, without it a difference is an
 * error (a trader's leverage is never changed behind their back).
 */
export interface FuturesSetting {
  readonly leverage?: number;
  readonly marginMode?: MarginMode;
  readonly positionMode?: PositionMode;
  readonly set?: boolean;
}

/** One symbol's settings as the venue holds them once the start is done. */
export interface FuturesSettingsFound {
  readonly symbol: string;
  readonly positionMode: PositionMode;
  /** Null where the venue's leverage cannot be read through ccxt. */
  readonly leverage: number | null;
  readonly marginMode: MarginMode | null;
  /** What was changed on the venue, e.g. `leverage 20 → 5`. */
  readonly changed: readonly string[];
}

export interface FuturesSettingsFailure {
  readonly code: 'FUTURES_SETTINGS';
  readonly message: string;
}

// The venues whose hedge mode the adapter sends orders for (`hedgeParams.ts`).
const HEDGE_VENUES: readonly string[] = ['binance', 'bybit'];

interface Setting<T> {
  readonly name: string;
  readonly wanted: T | undefined;
  readonly readable: boolean;
  read(): Promise<T | null>;
  write(value: T): Promise<unknown>;
}

interface CcxtFuturesApi {
  fetchPositionMode(symbol: string): Promise<{ hedged?: boolean }>;
  fetchPosition(symbol: string): Promise<{ hedged?: boolean }>;
  setPositionMode(hedged: boolean, symbol: string): Promise<unknown>;
  fetchLeverage(
    symbol: string,
  ): Promise<{ longLeverage?: number; shortLeverage?: number; marginMode?: string }>;
  setLeverage(leverage: number, symbol: string): Promise<unknown>;
  fetchMarginMode(symbol: string): Promise<{ marginMode?: string }>;
  setMarginMode(marginMode: string, symbol: string): Promise<unknown>;
}

const marginModeOf = (raw: string | undefined): MarginMode | null =>
  raw === 'cross' || raw === 'crossed' ? 'cross' : raw === 'isolated' ? 'isolated' : null;

/**
 * At start, for each derivatives symbol of a plan: its position mode, leverage and margin
 * mode are read through ccxt (`fetchPositionMode`, on bybit the `hedged` of `fetchPosition`;
 * `fetchLeverage`, `fetchMarginMode`) and,
 * where the plan asks with `set`, changed (`setPositionMode`, `setLeverage`, `setMarginMode`).
 * A setting the plan names that the venue holds otherwise, and that the plan does not ask to
 * change, stops the start with one line naming the symbol, the setting, what was found and
 * what is wanted. The position mode found is remembered: in hedge mode every order of the
 * symbol names its side (`hedgeParams.ts`). A venue that cannot tell its position mode is
 * taken as one-way unless the plan sets it.
 */
export const applyFuturesSettings = async (
  ctx: AdapterContext,
  wanted: Readonly<Record<string, FuturesSetting>>,
): Promise<Either<FuturesSettingsFailure, readonly FuturesSettingsFound[]>> => {
  const fail = (message: string): Either<FuturesSettingsFailure, never> =>
    left({ code: 'FUTURES_SETTINGS', message: `${ctx.exchangeId} ${message}` });
  const loaded = await ensureMarkets(ctx);
  if (loaded._tag === 'Left') return fail(`markets could not be loaded: ${loaded.left.message}`);
  const api = ctx.exchange as unknown as CcxtFuturesApi;
  // ccxt marks a method it builds from others (binance's fetchLeverage) as 'emulated'.
  const has = (method: string): boolean =>
    ctx.exchange.has[method] === true || ctx.exchange.has[method] === 'emulated';
  const readsModeFromPosition = ctx.exchangeId === 'bybit';
  const found: FuturesSettingsFound[] = [];
  for (const [symbol, plan] of Object.entries(wanted)) {
    const market = marketOf(ctx, symbol);
    if (market === undefined) return fail(`${symbol}: the venue lists no such market`);
    if (market.contract !== true)
      return fail(
        `${symbol}: futures settings apply to derivatives only, and ${symbol} is a spot market`,
      );
    if (plan.positionMode === 'hedge' && !HEDGE_VENUES.includes(ctx.exchangeId))
      return fail(
        `${symbol}: positionMode hedge is supported on ${HEDGE_VENUES.join(' and ')} only`,
      );
    const settings: [Setting<PositionMode>, Setting<MarginMode>, Setting<number>] = [
      {
        name: 'positionMode',
        wanted: plan.positionMode,
        readable: has('fetchPositionMode') || readsModeFromPosition,
        read: async () => {
          // Bybit's position rows say the mode by their positionIdx (0 one-way, 1 and 2 hedge),
          // flat rows too; ccxt has no fetchPositionMode there.
          const hedged = has('fetchPositionMode')
            ? (await api.fetchPositionMode(symbol)).hedged
            : (await api.fetchPosition(symbol)).hedged;
          return hedged === undefined ? null : hedged ? 'hedge' : 'oneWay';
        },
        write: (mode) => api.setPositionMode(mode === 'hedge', symbol),
      },
      {
        name: 'marginMode',
        wanted: plan.marginMode,
        readable: has('fetchMarginMode'),
        read: async () => marginModeOf((await api.fetchMarginMode(symbol)).marginMode),
        write: (mode) => api.setMarginMode(mode, symbol),
      },
      {
        name: 'leverage',
        wanted: plan.leverage,
        readable: has('fetchLeverage'),
        read: async () => {
          const l = await api.fetchLeverage(symbol);
          // A hedge-mode account may hold one leverage per side: both must be the one wanted.
          if (l.longLeverage !== undefined && l.shortLeverage !== undefined)
            return l.longLeverage === l.shortLeverage ? l.longLeverage : -1;
          return l.longLeverage ?? l.shortLeverage ?? null;
        },
        write: (leverage) => api.setLeverage(leverage, symbol),
      },
    ];
    const values: unknown[] = [];
    const changed: string[] = [];
    for (const s of settings as Setting<unknown>[]) {
      let value: unknown = null;
      if (s.readable) {
        try {
          value = await s.read();
        } catch (e) {
          return fail(
            `${symbol}: ${s.name} could not be read: ${classifyError(ctx.exchangeId, e, ctx.secrets).error.message}`,
          );
        }
      }
      if (s.wanted !== undefined && value !== s.wanted) {
        const shown =
          value === null
            ? 'unknown (ccxt cannot read it here)'
            : value === -1
              ? 'different per side'
              : String(value);
        if (plan.set !== true)
          return fail(
            `${symbol}: ${s.name} is ${shown}, the plan wants ${String(s.wanted)}; change it on the exchange, or add "set": true to the symbol's futures settings to have run change it`,
          );
        try {
          await s.write(s.wanted);
        } catch (e) {
          return fail(
            `${symbol}: ${s.name} could not be set from ${shown} to ${String(s.wanted)}: ${classifyError(ctx.exchangeId, e, ctx.secrets).error.message}`,
          );
        }
        changed.push(`${s.name} ${shown} → ${String(s.wanted)}`);
        value = s.wanted;
      }
      values.push(value);
    }
    const [positionMode, marginMode, leverage] = values as [
      PositionMode | null,
      MarginMode | null,
      number | null,
    ];
    if (positionMode === 'hedge' && !HEDGE_VENUES.includes(ctx.exchangeId))
      return fail(
        `${symbol}: the account is in hedge mode, which the adapter supports on ${HEDGE_VENUES.join(' and ')} only; switch it to one-way`,
      );
    ctx.positionModes.set(symbol, positionMode ?? 'oneWay');
    found.push({
      symbol,
      positionMode: positionMode ?? 'oneWay',
      leverage: leverage === -1 ? null : leverage,
      marginMode,
      changed,
    });
  }
  return right(found);
};
