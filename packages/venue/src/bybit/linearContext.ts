import type { BinanceError } from '../binanceError';
import type { FaultBook } from '../faultBook';
import type { OrderLog } from '../orderLog';
import type { TickerStats } from '../tickerStats';
import type { FuturesEngine } from '../usdm/futuresEngine';
import type { BybitAnswer } from './bybitEndpoints';
import { bybitError, paramError, type BybitError } from './bybitError';
import type { BybitParams } from './bybitOrder';
import type { LinearBook } from './linearBook';

/** What the linear endpoints read and change: the futures engine and what Bybit adds to it. */
export interface LinearContext {
  readonly engine: FuturesEngine;
  readonly serverTime: () => number;
  readonly stats: (id: string) => TickerStats;
  readonly faults: FaultBook;
  readonly orderLog: OrderLog;
  readonly book: LinearBook;
  readonly fees: { readonly makerBps: number; readonly takerBps: number };
}

export type Endpoint = (ctx: LinearContext, params: BybitParams) => BybitAnswer;

export const ok = (result: unknown): BybitAnswer => ({ result });
export const fail = (error: BybitError): BybitAnswer => ({ error });

// Bybit's words for the derivatives refusals ccxt maps by code.
export const ORDER_NOT_FOUND = bybitError(110001, 'Order does not exist.');
export const DUPLICATE_LINK_ID = bybitError(110072, 'OrderLinkedID is duplicate');
export const REDUCE_ONLY_RULE = bybitError(110017, 'Reduce-only rule not satisfied');
export const SYMBOL_INVALID = paramError('params error: symbol invalid');
export const IDX_MISMATCH = paramError('position idx not match position mode');
export const UNCHANGED = bybitError(
  10001,
  'The order remains unchanged as the parameters entered match the existing ones.',
);

/** A futures engine refusal in Bybit's derivatives words. */
export const fromFutures = (e: BinanceError, rising: boolean, trigger: string): BybitError => {
  switch (e.code) {
    case -2019:
      return bybitError(110007, 'ab not enough for new order');
    case -2022:
      return REDUCE_ONLY_RULE;
    case -2021:
      return bybitError(
        rising ? 110092 : 110093,
        `expect ${rising ? 'Rising' : 'Falling'}, but ${trigger}`,
      );
    case -4116:
      return DUPLICATE_LINK_ID;
    case -4061:
      return IDX_MISMATCH;
    case -4164:
      return bybitError(110094, 'Order does not meet minimum order value');
    case -5022:
      return bybitError(
        110062,
        'The post-only order would take liquidity and has been cancelled (PostOnly).',
      );
    case -2011:
    case -2013:
      return ORDER_NOT_FOUND;
    default:
      return paramError(e.msg);
  }
};
