import { Observable, Subject } from 'rxjs';
import type { Order } from 'ccxt';
import { right, type Either } from 'fp-ts/Either';
import type { ExchangeError, ExchangeReport } from '@smart-orders/engine';
import { asExchangeOrder, balances, positions } from './accountReads';
import { marketOf, type AdapterContext } from './adapterContext';
import { classifyError } from './classifyError';
import type { ConnectionEvent } from './connectionEvent';
import { fetchOpenOrders } from './fetchOpenOrders';
import { lookupInLane } from './lookupInLane';
import { readWithRetry } from './readWithRetry';
import { startWatchLoop } from './watchLoop';

export interface ReportStream {
  readonly reports$: Observable<ExchangeReport>;
  /**
   * Starts watching a symbol's orders (at once while anyone listens to `reports$`, else as soon
   * as someone does).
   */
  watch(symbol: string): void;
  /** Stops every subscription and completes `reports$`. */
  close(): void;
}

const failure = (error: ExchangeError): Error => Object.assign(new Error(error.message), { error });

/**
 * Execution reports from the venue's order stream (ccxt `watchOrders`), one subscription per
 * symbol. Every (re)subscription is followed by a REST reconciliation while the new
 * subscription already collects: the symbol's open orders are read, and each working order the
 * adapter tracks that they do not show as it knows it is looked up, so fills and cancels missed
 * while disconnected are reported (each fill with its fee);
 * balances and positions go out as a `RECONCILED` event.
 */
export const createReportStream = (
  ctx: AdapterContext,
  events: Subject<ConnectionEvent>,
): ReportStream => {
  const reports = new Subject<ExchangeReport>();
  const loops = new Map<string, () => void>();
  // Symbols asked for before anyone listened: watched as soon as someone does.
  const wanted = new Set<string>();
  let listeners = 0;

  const publish = (orders: readonly Order[]): void => {
    for (const order of orders)
      for (const r of ctx.tracker.observe(order, ctx.now())) reports.next(r);
  };

  const read = async <T>(r: Promise<Either<ExchangeError, T>>): Promise<T> => {
    const result = await r;
    if (result._tag === 'Left') throw failure(result.left);
    return result.right;
  };

  /** What changed of the symbol's orders: the open ones, and the working ones gone or filled further. */
  const readOrders = async (symbol: string): Promise<Order[]> => {
    const open = await read(readWithRetry(ctx, () => fetchOpenOrders(ctx, symbol)));
    // An order listed open with what the tracker already knows filled has nothing to tell: only
    // the others are looked up (one read of the order and, on Binance, one of its trades for the
    // fee), not every working order, which after a reconnect with a thousand resting orders
    // held every order's create behind minutes of lookups.
    const known = new Set(
      open
        .filter((o) => o.clientOrderId !== undefined)
        .map((o) => `${o.clientOrderId} ${o.filled ?? 0}`),
    );
    for (const t of ctx.tracker.working(symbol)) {
      if (known.has(`${t.wire} ${t.filled / t.contractSize}`)) continue;
      const found = await read(
        readWithRetry(ctx, async () => {
          const read = await lookupInLane(ctx, {
            symbol,
            wire: t.wire,
            since: t.sentAt - ctx.timing.settleMarginMs,
          });
          return read.value;
        }),
      );
      if (found !== null) publish([found]);
    }
    publish(open);
    return open;
  };

  const reconcile = async (symbol: string, reconnect: boolean): Promise<void> => {
    const open = await readOrders(symbol);
    // A fill between that reading and the moment the new subscription is live would reach no
    // one (ccxt resolves a watch only with data, so "live" cannot be awaited): the orders are
    // read once more when it surely is, the settle margin later. Nothing else is announced.
    void ctx
      .sleep(ctx.timing.settleMarginMs)
      .then(() => (loops.has(symbol) ? readOrders(symbol) : undefined))
      .catch(() => undefined);
    // The account is read for the record; failing to read it must not stall the orders.
    const balance = await balances(ctx);
    const position = marketOf(ctx, symbol)?.contract === true ? await positions(ctx) : right([]);
    const accountError =
      balance._tag === 'Left' ? balance.left : position._tag === 'Left' ? position.left : undefined;
    events.next({
      type: 'RECONCILED',
      symbol,
      reconnect,
      ts: ctx.now(),
      openOrders: open.map((o) => asExchangeOrder(ctx, o)),
      balances: balance._tag === 'Right' ? balance.right : null,
      positions: position._tag === 'Right' ? position.right : null,
      ...(accountError === undefined ? {} : { accountError }),
    });
  };

  const watch = (symbol: string): void => {
    wanted.add(symbol);
    if (listeners === 0 || loops.has(symbol)) return;
    loops.set(
      symbol,
      startWatchLoop<Order[]>({
        watch: () => ctx.exchange.watchOrders(symbol),
        onData: publish,
        onSubscribed: (reconnect) => reconcile(symbol, reconnect),
        onError: (e) =>
          events.next({
            type: 'STREAM_FAILED',
            stream: 'orders',
            symbol,
            ts: ctx.now(),
            error:
              (e as { error?: ExchangeError }).error ??
              classifyError(ctx.exchangeId, e, ctx.secrets).error,
          }),
        backoffMs: ctx.timing.backoffMs,
        sleep: ctx.sleep,
      }),
    );
  };

  const stop = (): void => {
    for (const end of loops.values()) end();
    loops.clear();
  };

  const reports$ = new Observable<ExchangeReport>((subscriber) => {
    const subscription = reports.subscribe(subscriber);
    listeners += 1;
    for (const symbol of new Set([...wanted, ...ctx.tracker.symbols()])) watch(symbol);
    return () => {
      subscription.unsubscribe();
      listeners -= 1;
      if (listeners === 0) stop();
    };
  });

  const close = (): void => {
    stop();
    reports.complete();
  };

  return { reports$, watch, close };
};
