import { right, type Either } from 'fp-ts/Either';
import type { Order, Position as CcxtPosition } from 'ccxt';
import type {
  Balance,
  ExchangeError,
  ExchangeOrder,
  Position,
  PricedPosition,
} from '@smart-orders/engine';
import { marketOf, type AdapterContext } from './adapterContext';
import { ensureMarkets } from './ensureMarkets';
import { fetchOpenOrders } from './fetchOpenOrders';
import { contextOfId } from './orderContext';
import { readWithRetry } from './readWithRetry';
import { toBase, toExchangeOrder, wireClientOrderIdOf } from './toExchangeOrder';
import { clientOrderIdFromWire } from './wireClientOrderId';

export const asExchangeOrder = (ctx: AdapterContext, order: Order): ExchangeOrder => {
  const wire = wireClientOrderIdOf(ctx.exchangeId, order);
  const cid = wire === undefined ? '' : clientOrderIdFromWire(ctx.exchangeId, wire);
  return toExchangeOrder(ctx.exchangeId, order, contextOfId(ctx, cid, order.symbol ?? ''));
};

/**
 * Open orders of one symbol, or of every symbol the adapter has worked with (several venues
 * refuse, or warn about, an open-order query across all markets).
 */
export const openOrders = async (
  ctx: AdapterContext,
  symbol: string | undefined,
  knownSymbols: readonly string[],
): Promise<Either<ExchangeError, readonly ExchangeOrder[]>> => {
  const markets = await ensureMarkets(ctx);
  if (markets._tag === 'Left') return markets;
  const symbols: (string | undefined)[] =
    symbol !== undefined ? [symbol] : knownSymbols.length > 0 ? [...knownSymbols] : [undefined];
  const all: ExchangeOrder[] = [];
  for (const s of symbols) {
    const orders = await readWithRetry(ctx, () => fetchOpenOrders(ctx, s));
    if (orders._tag === 'Left') return orders;
    all.push(...orders.right.map((o) => asExchangeOrder(ctx, o)));
  }
  return right(all);
};

const signedBase = (ctx: AdapterContext, p: CcxtPosition): number => {
  const market = p.symbol === undefined ? undefined : marketOf(ctx, p.symbol);
  const contracts = Number(p.contracts ?? 0);
  const size = toBase(contracts, market?.contractSize ?? p.contractSize ?? 1);
  return p.side === 'short' ? -size : size;
};

/** The venue's open derivative positions as ccxt reads them; spot-only venues have none. */
const openPositions = async (
  ctx: AdapterContext,
): Promise<Either<ExchangeError, readonly CcxtPosition[]>> => {
  if (ctx.exchange.has['fetchPositions'] !== true) return right([]);
  const markets = await ensureMarkets(ctx);
  if (markets._tag === 'Left') return markets;
  // A venue loaded with spot markets only (Binance spot, the local venue) holds no derivative
  // position, and its positions endpoint belongs to another API that such keys cannot use.
  const contracts = Object.values(ctx.exchange.markets ?? {}).some((m) => m?.contract === true);
  if (!contracts) return right([]);
  const read = await readWithRetry(ctx, () => ctx.exchange.fetchPositions());
  if (read._tag === 'Left') return read;
  // A position held in hedge mode says so: a flatten that reads positions first (the watchdog,
  // which reads no settings at start) sends its exits on the right side.
  for (const p of read.right)
    if (p.hedged === true && p.symbol !== undefined) ctx.positionModes.set(p.symbol, 'hedge');
  return right(read.right.filter((p) => p.symbol !== undefined && Number(p.contracts ?? 0) !== 0));
};

/** Derivative positions in base units, signed; spot-only venues have none. */
export const positions = async (
  ctx: AdapterContext,
): Promise<Either<ExchangeError, readonly Position[]>> => {
  const read = await openPositions(ctx);
  if (read._tag === 'Left') return read;
  return right(
    read.right.map((p) => ({ symbol: p.symbol as string, quantity: signedBase(ctx, p) })),
  );
};

/** The same, each with the venue's liquidation price and mark (ccxt `liquidationPrice`, `markPrice`). */
export const pricedPositions = async (
  ctx: AdapterContext,
): Promise<Either<ExchangeError, readonly PricedPosition[]>> => {
  const read = await openPositions(ctx);
  if (read._tag === 'Left') return read;
  const positive = (n: unknown): number | undefined => {
    const v = Number(n);
    return Number.isFinite(v) && v > 0 ? v : undefined;
  };
  return right(
    read.right.map((p) => {
      const markPrice = positive(p.markPrice);
      return {
        symbol: p.symbol as string,
        quantity: signedBase(ctx, p),
        liquidationPrice: positive(p.liquidationPrice) ?? null,
        ...(markPrice === undefined ? {} : { markPrice }),
      };
    }),
  );
};

export const balances = async (
  ctx: AdapterContext,
): Promise<Either<ExchangeError, readonly Balance[]>> => {
  const read = await readWithRetry(ctx, () => ctx.exchange.fetchBalance());
  if (read._tag === 'Left') return read;
  const {
    free = {},
    used = {},
    total = {},
  } = read.right as unknown as Record<string, Record<string, number | undefined> | undefined>;
  return right(
    Object.keys(total ?? {})
      .map((asset) => ({
        asset,
        free: Number(free?.[asset] ?? 0),
        used: Number(used?.[asset] ?? 0),
      }))
      .filter((b) => b.free !== 0 || b.used !== 0),
  );
};
