import type { FillModelConfig } from '@smart-orders/core';
import type { FaultBook } from '../faultBook';
import type { OrderLog } from '../orderLog';
import type { ReportDelivery } from '../reportDelivery';
import { createFuturesAccount } from '../usdm/futuresAccount';
import { futuresControlAccount, futuresControlOrders } from '../usdm/futuresControl';
import { createFuturesEngine, type FuturesEngine } from '../usdm/futuresEngine';
import { POSITION_SIDES } from '../usdm/futuresOrder';
import { isMarketSymbol, type VenueMarket } from '../venueMarket';
import type { VenueTick } from '../venueTick';
import type { BybitStreams, PrivateEvent } from './bybitStreams';
import {
  conditionalId,
  linearExecutionJson,
  linearWalletJson,
  positionJson,
} from './linearMessages';
import { createLinearBook } from './linearBook';
import type { LinearContext } from './linearContext';
import { createPublicTrades } from './publicTrades';

export interface LinearVenueDeps {
  readonly markets: readonly VenueMarket[];
  /** The unified account's wallet, in the perpetuals' settlement asset (USDT). */
  readonly balance: number;
  readonly maintenanceMarginRate: number;
  readonly clock: () => number;
  readonly serverClock: () => number;
  readonly streams: BybitStreams;
  /** Order and execution messages, through the report faults. */
  readonly reports: ReportDelivery;
  readonly faults: FaultBook;
  readonly orderLog: OrderLog;
  readonly nextTradeId: () => number;
  readonly fills: Partial<FillModelConfig>;
  readonly printOwnFills: boolean;
  readonly fees: { readonly makerBps: number; readonly takerBps: number };
}

/** The Bybit dialect's USDT perpetuals (`category=linear`): the USDⓈ-M venue's futures engine. */
export interface LinearVenue {
  readonly engine: FuturesEngine;
  readonly context: LinearContext;
  play(tick: VenueTick): void;
  offMarketPrint(price: number, ts: number, id: number): void;
  controlOrders(): unknown;
  controlAccount(): unknown;
}

/**
 * Bybit v5 linear on the futures engine that serves Binance USDⓈ-M: the same positions,
 * margin, fills, conditional orders and liquidation, told in Bybit's words. The private
 * stream gets each order change (`order`), each fill (`execution`), the positions and the
 * wallet after each change of the account.
 */
export const createLinearVenue = (deps: LinearVenueDeps): LinearVenue => {
  const { markets, streams, clock } = deps;
  const asset = markets[0]?.settle ?? 'USDT';
  const account = createFuturesAccount(markets, asset, deps.balance);
  const feeds = new Map(markets.map((m) => [m.id, createPublicTrades(m, streams.publishPublic)]));
  const feedOf = (id: string) => feeds.get(id) as ReturnType<typeof createPublicTrades>;
  const deliver = (event: PrivateEvent) => deps.reports.deliver(event, clock());
  const engine: FuturesEngine = createFuturesEngine({
    markets,
    account,
    clock,
    nextTradeId: deps.nextTradeId,
    maintenanceMarginRate: deps.maintenanceMarginRate,
    fills: deps.fills,
    printed: (t) => {
      if (deps.printOwnFills) feedOf(t.symbol).ownFill(t);
    },
    listener: {
      order: (o, _exec, trade) => {
        if (trade !== null) book.feePaid(o.orderId, trade.commission);
        deliver({ topic: 'order', data: [book.orderJson(o)] });
        if (trade === null) return;
        const algo = book.algoOf(o);
        const m = engine.market(o.symbol) as VenueMarket;
        deliver({
          topic: 'execution',
          data: [
            linearExecutionJson(
              m,
              {
                orderId: algo === undefined ? String(o.orderId) : conditionalId(algo),
                orderLinkId: o.clientOrderId,
                stop: algo !== undefined,
              },
              o,
              trade,
              engine.mark(m.id),
            ),
          ],
        });
      },
      algo: (a) => deliver({ topic: 'order', data: [book.algoJson(a)] }),
      account: () => {
        const time = deps.serverClock();
        streams.publishPrivate({
          topic: 'position',
          data: markets.flatMap((m) =>
            POSITION_SIDES.filter((side) =>
              account.dualSide() ? side !== 'BOTH' : side === 'BOTH',
            ).map((side) => positionJson(engine, m, side, time)),
          ),
        });
        streams.publishPrivate({ topic: 'wallet', data: [linearWalletJson(engine)] });
      },
    },
  });
  const book = createLinearBook(engine);
  const context: LinearContext = {
    engine,
    serverTime: deps.serverClock,
    stats: (id) => feedOf(id).stats(),
    faults: deps.faults,
    orderLog: deps.orderLog,
    book,
    fees: deps.fees,
  };
  return {
    engine,
    context,
    play: (tick) => {
      const market = markets.find((m) => isMarketSymbol(m, tick.symbol));
      if (market === undefined) return;
      feedOf(market.id).tick(tick, deps.nextTradeId());
      engine.applyTick(tick);
    },
    offMarketPrint: (price, ts, id) => {
      const first = markets[0];
      if (first !== undefined) feedOf(first.id).offMarketPrint(price, ts, id);
    },
    controlOrders: () => futuresControlOrders(engine, deps.orderLog),
    controlAccount: () => futuresControlAccount(engine),
  };
};
