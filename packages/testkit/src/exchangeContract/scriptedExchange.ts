import { left, right, type Either } from 'fp-ts/Either';
import { Subject } from 'rxjs';
import type { Tick } from '@smart-orders/core';
import {
  reportsFromOrder,
  type Exchange,
  type ExchangeError,
  type ExchangeOrder,
  type ExchangeReport,
  type OrderRequest,
} from '@smart-orders/engine';
import { getPaperExchange, type PaperExchangeOptions } from '@smart-orders/exchange-paper';

/**
 * How the scripted exchange answers one request. Everything not scripted is the paper
 * exchange's answer, at once.
 */
export interface Script {
  /** Answers after this many milliseconds (the order is on the book at once). */
  readonly lateMs?: number;
  /** Every report about the order is delivered twice: once answered, once more on `reports$`. */
  readonly twice?: boolean;
  /**
   * A market order fills this share of its quantity at once (at its trigger price, else at the
   * next tick), and the rest at the next tick of its symbol, at that tick's price.
   */
  readonly partially?: number;
  /**
   * Never answers: the connection drops. `PLACED`: the order reached the book and works there;
   * `LOST`: it never arrived. Either way the sender cannot tell which (NETWORK).
   */
  readonly noAnswer?: 'PLACED' | 'LOST';
  /** Refuses the order as a venue does when the balance is short (Binance -2010). */
  readonly refuse?: 'INSUFFICIENT_BALANCE';
}

export interface ScriptedExchangeOptions extends PaperExchangeOptions {
  /** The script of each request; default: answer as the paper exchange does. */
  readonly script?: (request: OrderRequest) => Script;
  /**
   * While it returns true the account cannot be read: balances, positions and open orders
   * fail as a connection that drops does (NETWORK), as an exchange that stops answering reads.
   */
  readonly unreadable?: () => boolean;
}

export interface ScriptedExchange extends Exchange {
  /** Every request received, answered or not, in order. */
  readonly requests: readonly OrderRequest[];
}

interface PartialFill {
  readonly request: OrderRequest;
  order: ExchangeOrder;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dropped: ExchangeError = { code: 'NETWORK', message: 'scripted: connection reset' };

/**
 * A venue that misbehaves on purpose, for the engine's behaviour specs and the exchange
 * contract: on top of the paper exchange's book it answers late, twice, in part or not at all,
 * as each request's script says. It trades in tick time like the paper exchange (`matchTick`).
 */
export const getScriptedExchange = (options: ScriptedExchangeOptions = {}): ScriptedExchange => {
  const paper = getPaperExchange(options);
  const script = options.script ?? ((): Script => ({}));
  const unreadable = options.unreadable ?? (() => false);
  const reports$ = new Subject<ExchangeReport>();
  const requests: OrderRequest[] = [];
  const scripts = new Map<string, Script>();
  const partials = new Map<string, PartialFill>();

  const deliverAgain = (clientOrderId: string, reports: readonly ExchangeReport[]): void => {
    if (scripts.get(clientOrderId)?.twice !== true) return;
    // After the answer, as a stream delivers what the response already said.
    setTimeout(() => reports.forEach((r) => reports$.next(r)), 0);
  };

  const fillPart = (p: PartialFill, quantity: number, price: number, ts: number) => {
    const filled = p.order.filledQuantity + quantity;
    const before = p.order.averagePrice;
    const average =
      before === null ? price : (before * p.order.filledQuantity + price * quantity) / filled;
    p.order = {
      ...p.order,
      filledQuantity: filled,
      averagePrice: average,
      status: filled >= p.request.quantity ? 'FILLED' : 'OPEN',
      updatedAt: ts,
    };
    const report: ExchangeReport = {
      clientOrderId: p.request.clientOrderId,
      symbol: p.request.symbol,
      ts,
      execType: 'TRADE',
      lastPrice: price,
      lastQuantity: quantity,
      cumulativeQuantity: filled,
      exchangeOrderId: p.order.exchangeOrderId,
    };
    return report;
  };

  const placePartially = (request: OrderRequest, share: number): ExchangeOrder => {
    const p: PartialFill = {
      request,
      order: {
        clientOrderId: request.clientOrderId,
        exchangeOrderId: `scripted-${request.clientOrderId}`,
        symbol: request.symbol,
        side: request.side,
        type: request.type,
        status: 'OPEN',
        quantity: request.quantity,
        filledQuantity: 0,
        averagePrice: null,
        price: request.price ?? null,
      },
    };
    partials.set(request.clientOrderId, p);
    if (request.triggerPrice !== undefined)
      fillPart(p, request.quantity * share, request.triggerPrice, request.ts);
    return p.order;
  };

  const answerLate = async <T>(clientOrderId: string, answer: T): Promise<T> => {
    const lateMs = scripts.get(clientOrderId)?.lateMs;
    if (lateMs !== undefined) await sleep(lateMs);
    return answer;
  };

  const matchTick = (tick: Tick): readonly ExchangeReport[] => {
    const reports: ExchangeReport[] = [...(paper.matchTick?.(tick) ?? [])];
    for (const p of partials.values()) {
      if (p.request.symbol !== tick.symbol || p.order.status !== 'OPEN') continue;
      const price = tick.price ?? (p.request.side === 'BUY' ? tick.ask : tick.bid);
      if (price === undefined) continue;
      const share = scripts.get(p.request.clientOrderId)?.partially ?? 1;
      const part =
        p.order.filledQuantity === 0
          ? p.request.quantity * share
          : p.request.quantity - p.order.filledQuantity;
      reports.push(fillPart(p, part, price, tick.ts));
    }
    for (const r of reports) deliverAgain(r.clientOrderId, [r]);
    return reports;
  };

  const lookup = async (clientOrderId: string, symbol: string) =>
    partials.has(clientOrderId)
      ? right((partials.get(clientOrderId) as PartialFill).order)
      : paper.lookup(clientOrderId, symbol);

  return {
    ...paper,
    id: 'scripted',
    requests,
    async place(request): Promise<Either<ExchangeError, ExchangeOrder>> {
      requests.push(request);
      const s = script(request);
      scripts.set(request.clientOrderId, s);
      if (s.noAnswer === 'LOST') return left(dropped);
      if (s.refuse === 'INSUFFICIENT_BALANCE')
        return answerLate(
          request.clientOrderId,
          left({
            code: 'REJECTED',
            message: 'scripted: Account has insufficient balance for requested action. (-2010)',
            refusal: 'INSUFFICIENT_BALANCE',
          }),
        );
      if (
        s.partially !== undefined &&
        request.type === 'MARKET' &&
        !partials.has(request.clientOrderId)
      ) {
        const order = placePartially(request, s.partially);
        return answerLate(request.clientOrderId, right(order));
      }
      const answer = await paper.place(request);
      if (s.noAnswer === 'PLACED') return left(dropped);
      if (answer._tag === 'Right')
        deliverAgain(request.clientOrderId, reportsFromOrder(answer.right, request.ts));
      return answerLate(request.clientOrderId, answer);
    },
    async cancel(clientOrderId, symbol) {
      const p = partials.get(clientOrderId);
      if (p !== undefined) {
        if (p.order.status === 'OPEN') p.order = { ...p.order, status: 'CANCELED' };
        return answerLate(clientOrderId, right(p.order));
      }
      return answerLate(clientOrderId, await paper.cancel(clientOrderId, symbol));
    },
    lookup,
    matchTick,
    async balances() {
      return unreadable() ? left(dropped) : paper.balances();
    },
    async positions() {
      return unreadable() ? left(dropped) : paper.positions();
    },
    async openOrders(symbol) {
      if (unreadable()) return left(dropped);
      const open = await paper.openOrders(symbol);
      if (open._tag === 'Left') return open;
      const mine = [...partials.values()]
        .filter(
          (p) => p.order.status === 'OPEN' && (symbol === undefined || p.request.symbol === symbol),
        )
        .map((p) => p.order);
      return right([...open.right, ...mine]);
    },
    reports$: reports$.asObservable(),
    async close() {
      reports$.complete();
      await paper.close();
    },
  };
};
