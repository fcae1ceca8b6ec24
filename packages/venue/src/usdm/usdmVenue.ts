import type { FillModelConfig } from '@smart-orders/core';
import type { FaultBook } from '../faultBook';
import type { ListenKeys } from '../listenKeys';
import { createMarketFeed, type MarketFeed } from '../marketFeed';
import type { OrderLog } from '../orderLog';
import { mergeQuote, type Quote } from '../quote';
import type { ReportDelivery } from '../reportDelivery';
import type { StreamHub } from '../streamHub';
import { isMarketSymbol, type VenueMarket } from '../venueMarket';
import type { VenueTick } from '../venueTick';
import type { FapiContext } from './fapiEndpoints';
import { createFuturesAccount } from './futuresAccount';
import { createFuturesEngine, type FuturesEngine } from './futuresEngine';
import { futuresControlAccount, futuresControlOrders } from './futuresControl';
import { accountUpdateJson, algoUpdateJson, orderTradeUpdateJson } from './futuresMessages';

export interface UsdmVenueDeps {
  readonly markets: readonly VenueMarket[];
  /** The wallet, in the markets' settlement asset. */
  readonly balance: number;
  readonly maintenanceMarginRate: number;
  readonly clock: () => number;
  readonly serverClock: () => number;
  readonly hub: StreamHub;
  readonly reports: ReportDelivery;
  readonly faults: FaultBook;
  readonly orderLog: OrderLog;
  readonly listenKeys: ListenKeys;
  readonly nextTradeId: () => number;
  /** The fill model's settings: fees, printed sizes, deviation filter, latency. */
  readonly fills: Partial<FillModelConfig>;
  /** Print the account's fills on the public trade streams, as Binance does. */
  readonly printOwnFills: boolean;
}

/** The venue's USDⓈ-M side: the futures engine, its public streams, its REST and control answers. */
export interface UsdmVenue {
  readonly engine: FuturesEngine;
  readonly context: FapiContext;
  play(tick: VenueTick): void;
  offMarketPrint(price: number, ts: number): void;
  controlOrders(): unknown;
  controlAccount(): unknown;
  books(): Record<string, Quote>;
}

export const createUsdmVenue = (deps: UsdmVenueDeps): UsdmVenue => {
  const { hub, clock } = deps;
  const asset = deps.markets[0]?.quote ?? 'USDT';
  const account = createFuturesAccount(deps.markets, asset, deps.balance);
  const engine: FuturesEngine = createFuturesEngine({
    markets: deps.markets,
    account,
    clock,
    nextTradeId: deps.nextTradeId,
    maintenanceMarginRate: deps.maintenanceMarginRate,
    fills: deps.fills,
    printed: (trade) => {
      if (deps.printOwnFills) feeds.get(trade.symbol)?.ownFill(trade);
    },
    listener: {
      order: (o, exec, trade) =>
        deps.reports.deliver(orderTradeUpdateJson(o, exec, trade, asset, clock()), clock()),
      algo: (a) => hub.publishUserData(algoUpdateJson(a, clock())),
      account: (reason) => hub.publishUserData(accountUpdateJson(engine, reason, clock())),
    },
  });
  const feeds = new Map<string, MarketFeed>(
    deps.markets.map((m) => [m.id, createMarketFeed(m, hub, deps.nextTradeId)]),
  );
  const feedOf = (id: string) => feeds.get(id) as MarketFeed;
  const context: FapiContext = {
    engine,
    serverTime: deps.serverClock,
    stats: (id) => feedOf(id).stats(),
    faults: deps.faults,
    orderLog: deps.orderLog,
    listenKeys: deps.listenKeys,
  };

  return {
    engine,
    context,
    play: (tick) => {
      const market = deps.markets.find((m) => isMarketSymbol(m, tick.symbol));
      if (market === undefined) return;
      feedOf(market.id).tick(tick, mergeQuote(engine.quote(market.id), tick));
      engine.applyTick(tick);
    },
    offMarketPrint: (price, ts) => {
      const first = deps.markets[0];
      if (first !== undefined) feedOf(first.id).offMarketPrint(price, ts);
    },
    controlOrders: () => futuresControlOrders(engine, deps.orderLog),
    controlAccount: () => futuresControlAccount(engine),
    books: () => Object.fromEntries(deps.markets.map((m) => [m.symbol, engine.quote(m.id)])),
  };
};
