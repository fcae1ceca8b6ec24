import {
  createFillModel,
  EMPTY_PRINT_HISTORY,
  type Fill,
  type FillModelConfig,
  type PrintHistory,
  type Side,
  type Tick,
  type TickBudget,
  type WorkingOrder,
} from '@smart-orders/core';

/**
 * One market's fills, made by the core's one fill model (SEMANTICS §9.4), the model the paper
 * exchange and the testkit use: every dialect and market type of the venue fills through it. It
 * keeps what the model leaves to its caller: the screen's print history, the market's current
 * tick (the last one that acts) and what that tick's print has left to fill.
 */
export interface MarketFills {
  readonly config: FillModelConfig;
  /**
   * A recorded tick played: screened (a print the recording flags as off-market, or one beyond
   * `maxDeviationBps` from the median, neither triggers nor fills nor becomes the last price)
   * and, when it acts, made the current tick with its whole printed size to fill. Returns the
   * tick the market's orders meet (its symbol the market's), or null when it acts on nothing.
   */
  play(tick: Tick): Tick | null;
  /** The current tick, null before the first that acted. */
  current(): Tick | null;
  /**
   * Whether an order entering the book now takes: a limit `side` at `limit` that the current
   * tick reaches at the price the fill model fills a taker at (the trade's, else the book's side).
   */
  crosses(side: Side, limit: number): boolean;
  /**
   * One working order (its symbol the market's) against the current tick, with what that tick's
   * print has left: the model's fill, which `book` settles. When `book` refuses it (the account
   * cannot pay, a fill-or-kill order would fill in part), the print is not spent. Returns the
   * fill booked, or null. The caller keeps the order (its filled quantity advanced by the fill)
   * and offers its working orders in their order of creation.
   */
  fill(order: WorkingOrder, book: (fill: Fill) => boolean): Fill | null;
}

/** `symbol`: the market's ccxt symbol, which decides the fee's asset (`BTC/USDT:USDT` in USDT). */
export const createMarketFills = (
  symbol: string,
  config: Partial<FillModelConfig>,
): MarketFills => {
  const model = createFillModel(config);
  let history: PrintHistory = EMPTY_PRINT_HISTORY;
  let current: { readonly tick: Tick; budget: TickBudget } | null = null;

  return {
    config: model.config,
    play: (recorded) => {
      const screened = model.screen(history, { ...recorded, symbol });
      history = screened.history;
      if (screened.tick === null) return null;
      current = { tick: screened.tick, budget: model.budget(screened.tick) };
      return screened.tick;
    },
    current: () => current?.tick ?? null,
    crosses: (side, limit) => {
      const tick = current?.tick;
      const taker = tick?.price ?? (side === 'BUY' ? tick?.ask : tick?.bid);
      return taker !== undefined && (side === 'BUY' ? taker <= limit : taker >= limit);
    },
    fill: (order, book) => {
      if (current === null) return null;
      const matched = model.match(current.tick, current.budget, [order]);
      const fill = matched.fills[0];
      if (fill === undefined || !book(fill)) return null;
      current.budget = matched.budget;
      return fill;
    },
  };
};
