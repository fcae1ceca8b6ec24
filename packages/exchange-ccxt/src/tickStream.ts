import { Observable, type Subject } from 'rxjs';
import type { Ticker, Trade } from 'ccxt';
import type { Tick } from '@smart-orders/core';
import type { AdapterContext } from './adapterContext';
import { classifyError } from './classifyError';
import type { ConnectionEvent } from './connectionEvent';
import { startWatchLoop } from './watchLoop';

/** `trades`: a tick per public trade (the last-trade price triggers use by default); `ticker`: last, bid and ask together, at the venue's ticker rate. */
export type TickSource = 'trades' | 'ticker';

const positive = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;

export const ticksOfTrades = (symbol: string, trades: readonly Trade[]): Tick[] =>
  trades
    .filter((t) => positive(t.price) && positive(t.timestamp))
    .map((t) => ({ type: 'Tick', symbol, ts: t.timestamp as number, price: t.price }));

export const tickOfTicker = (symbol: string, ticker: Ticker, now: number): Tick | null => {
  const tick: Tick = {
    type: 'Tick',
    symbol,
    ts: positive(ticker.timestamp) ? ticker.timestamp : now,
    ...(positive(ticker.last) ? { price: ticker.last } : {}),
    ...(positive(ticker.bid) ? { bid: ticker.bid } : {}),
    ...(positive(ticker.ask) ? { ask: ticker.ask } : {}),
  };
  return tick.price === undefined && tick.bid === undefined && tick.ask === undefined ? null : tick;
};

/** Market data as core ticks, one resilient subscription per symbol. */
export const tickStream = (
  ctx: AdapterContext,
  events: Subject<ConnectionEvent>,
  symbols: readonly string[],
  source: TickSource,
): Observable<Tick> =>
  new Observable<Tick>((subscriber) => {
    const stops = symbols.map((symbol) =>
      source === 'ticker'
        ? startWatchLoop<Ticker>({
            watch: () => ctx.exchange.watchTicker(symbol),
            onData: (ticker) => {
              const tick = tickOfTicker(symbol, ticker, ctx.now());
              if (tick !== null) subscriber.next(tick);
            },
            onError: (e) =>
              events.next({
                type: 'STREAM_FAILED',
                stream: 'ticks',
                symbol,
                ts: ctx.now(),
                error: classifyError(ctx.exchangeId, e, ctx.secrets).error,
              }),
            backoffMs: ctx.timing.backoffMs,
            sleep: ctx.sleep,
          })
        : startWatchLoop<Trade[]>({
            watch: () => ctx.exchange.watchTrades(symbol),
            onData: (trades) => ticksOfTrades(symbol, trades).forEach((t) => subscriber.next(t)),
            onError: (e) =>
              events.next({
                type: 'STREAM_FAILED',
                stream: 'ticks',
                symbol,
                ts: ctx.now(),
                error: classifyError(ctx.exchangeId, e, ctx.secrets).error,
              }),
            backoffMs: ctx.timing.backoffMs,
            sleep: ctx.sleep,
          }),
    );
    return () => stops.forEach((stop) => stop());
  });
