import Big from 'big.js';
import { own } from './accountRules';
import type { AccountEvent } from './accountEvent';
import type { AccountState, Flatten, FlattenExit, Position } from './accountState';
import { RUNAWAY_WINDOW_MS } from './riskConfig';
import { withoutWorkingOrder, withWorkingOrder } from './workingOrders';

const without = <A>(record: Readonly<Record<string, A>>, key: string): Record<string, A> => {
  const copy = { ...record };
  delete copy[key];
  return copy;
};

const withEntry = <A>(
  record: Readonly<Record<string, A>>,
  key: string,
  value: A,
): Record<string, A> => ({ ...record, [key]: value });

const setPosition = (state: AccountState, symbol: string, position: Position): AccountState => ({
  ...state,
  positions:
    position.quantity === 0
      ? without(state.positions, symbol)
      : withEntry(state.positions, symbol, position),
});

const addRealised = (state: AccountState, pnl: number): AccountState =>
  state.session === null || pnl === 0
    ? state
    : {
        ...state,
        session: {
          ...state.session,
          realisedPnl: new Big(state.session.realisedPnl).plus(pnl).toNumber(),
        },
      };

const updateExit = (
  state: AccountState,
  symbol: string,
  update: (exit: FlattenExit) => FlattenExit,
): AccountState => {
  const flatten = state.flatten;
  const exit = flatten === null ? undefined : own(flatten.exits, symbol);
  if (flatten === null || exit === undefined) return state;
  return {
    ...state,
    flatten: { ...flatten, exits: withEntry(flatten.exits, symbol, update(exit)) },
  };
};

/** A new exit order of the flatten: the symbol's current exit, its fills counted from 0. */
const setExit = (state: AccountState, flatten: Flatten, exit: FlattenExit): AccountState => ({
  ...state,
  flatten: {
    ...flatten,
    exits: withEntry(flatten.exits, exit.symbol, exit),
    filled: withEntry(flatten.filled, exit.clientOrderId, 0),
  },
});

/** The version this event will give the state: when an exit stops working. */
const settled = (state: AccountState, exit: FlattenExit, working: boolean): FlattenExit =>
  working || !exit.working
    ? { ...exit, working }
    : { ...exit, working, settledAt: state.version + 1 };

const step = (state: AccountState, event: AccountEvent): AccountState => {
  switch (event.type) {
    case 'SessionRolled':
      return {
        ...state,
        session: {
          session: event.data.session,
          startsAt: event.data.startsAt,
          endsAt: event.data.endsAt,
          realisedPnl: 0,
          carriedUnrealisedPnl: event.data.carriedUnrealisedPnl,
        },
      };
    case 'FillRecorded': {
      const d = event.data;
      const filled = addRealised(
        setPosition(state, d.symbol, {
          quantity: d.position,
          averagePrice: d.averagePrice,
          mark: d.price,
        }),
        d.realisedPnl,
      );
      const flatten = state.flatten;
      const before =
        flatten === null || d.clientOrderId === null
          ? undefined
          : own(flatten.filled, d.clientOrderId);
      if (flatten === null || d.clientOrderId === null || before === undefined) return filled;
      // A fill of one of the flatten's exits, the current one or one it replaced: progress.
      const counted: AccountState = {
        ...filled,
        flatten: {
          ...flatten,
          progressAt: Math.max(flatten.progressAt, event.ts),
          filled: withEntry(
            flatten.filled,
            d.clientOrderId,
            new Big(before).plus(d.quantity).toNumber(),
          ),
        },
      };
      const exit = own(flatten.exits, d.symbol);
      if (exit === undefined || d.clientOrderId !== exit.clientOrderId) return counted;
      return updateExit(counted, d.symbol, (x) => {
        const filledQuantity = new Big(x.filledQuantity).plus(d.quantity).toNumber();
        return settled(state, { ...x, filledQuantity }, x.working && filledQuantity < x.quantity);
      });
    }
    case 'WorkingOrderAdded': {
      const max = state.risk.maxOrdersPerMinute;
      const recentSends =
        max === undefined
          ? state.recentSends
          : [...state.recentSends.filter((t) => t > event.ts - RUNAWAY_WINDOW_MS), event.ts].slice(
              -(max + 1),
            );
      return {
        ...state,
        recentSends,
        workingOrders: withWorkingOrder(state.workingOrders, event.data.clientOrderId, {
          symbol: event.data.symbol,
          reduceOnly: event.data.reduceOnly,
        }),
      };
    }
    case 'WorkingOrderRemoved':
      return {
        ...state,
        workingOrders: withoutWorkingOrder(state.workingOrders, event.data.clientOrderId),
      };
    case 'KillSwitchTripped': {
      let next: AccountState = {
        ...state,
        killSwitch: { reason: event.data.reason, detail: event.data.detail, trippedAt: event.ts },
      };
      for (const [symbol, mark] of Object.entries(event.data.marks)) {
        const position = own(next.positions, symbol);
        if (position !== undefined) next = setPosition(next, symbol, { ...position, mark });
      }
      return next;
    }
    case 'TradingStateChanged':
      return {
        ...state,
        tradingState: event.data.to,
        mode: event.data.to === 'HALTED' ? state.mode : event.data.to,
      };
    case 'FlattenRequested':
      // A flatten that widens one under way (a trip during a symbol's flatten) keeps its exits:
      // they are working orders of the account, and their fills still count.
      return {
        ...state,
        flattens: event.data.flatten,
        flatten: {
          seq: event.data.flatten,
          reason: event.data.reason,
          symbol: event.data.symbol ?? null,
          requestedAt: event.ts,
          timedOut: false,
          progressAt: event.ts,
          exits: state.flatten?.exits ?? {},
          filled: state.flatten?.filled ?? {},
        },
      };
    case 'FlattenExitRequested':
      return state.flatten === null
        ? state
        : setExit(state, state.flatten, {
            symbol: event.data.symbol,
            side: event.data.side,
            quantity: event.data.quantity,
            filledQuantity: 0,
            attempt: event.data.attempt,
            clientOrderId: event.data.clientOrderId,
            limitPrice: null,
            lastPrice: null,
            tickSize: null,
            working: true,
            cancelling: false,
            settledAt: null,
          });
    case 'FlattenRetriedAsLimit':
      return state.flatten === null
        ? state
        : setExit(state, state.flatten, {
            symbol: event.data.symbol,
            side: event.data.side,
            quantity: event.data.quantity,
            filledQuantity: 0,
            attempt: event.data.attempt,
            clientOrderId: event.data.clientOrderId,
            limitPrice: event.data.limitPrice,
            lastPrice: event.data.lastPrice,
            tickSize: event.data.tickSize,
            working: true,
            cancelling: false,
            settledAt: null,
          });
    case 'FlattenExitDone':
      return updateExit(state, event.data.symbol, (x) =>
        x.clientOrderId === event.data.clientOrderId ? settled(state, x, false) : x,
      );
    case 'FlattenExitCancelRequested':
      return updateExit(state, event.data.symbol, (x) =>
        x.clientOrderId === event.data.clientOrderId ? { ...x, cancelling: true } : x,
      );
    case 'FlattenTimedOut':
      return state.flatten === null
        ? state
        : { ...state, flatten: { ...state.flatten, timedOut: true } };
    case 'FlattenConfirmed': {
      let next: AccountState = { ...state, flatten: null };
      for (const closed of event.data.closedAtMark) {
        const position = own(next.positions, closed.symbol);
        if (position === undefined) continue;
        next = addRealised(
          setPosition(next, closed.symbol, { ...position, quantity: 0 }),
          closed.realisedPnl,
        );
      }
      return next;
    }
    case 'FlattenAbandoned':
      return { ...state, flatten: null };
    case 'KillSwitchReset':
      return { ...state, killSwitch: null, mode: event.data.to, recentSends: [] };
    case 'ReconciliationStarted':
      return { ...state, gate: 'RECONCILING', reconciliation: event.data.reason };
    case 'ReconciliationDiverged':
      return event.data.halted ? { ...state, gate: 'OPEN', diverged: true } : state;
    case 'PositionAdopted': {
      const before = own(state.positions, event.data.symbol);
      return setPosition(state, event.data.symbol, {
        quantity: event.data.to,
        averagePrice: event.data.averagePrice,
        mark: event.data.averagePrice ?? before?.mark ?? null,
      });
    }
    case 'OrderAdopted':
      return {
        ...state,
        workingOrders: withWorkingOrder(state.workingOrders, event.data.clientOrderId, {
          symbol: event.data.symbol,
          reduceOnly: false,
        }),
      };
    case 'OrderDropped':
      return {
        ...state,
        workingOrders: withoutWorkingOrder(state.workingOrders, event.data.clientOrderId),
      };
    case 'OrphanCancelRequested':
      return state;
    case 'ReconciliationCompleted':
      return { ...state, gate: 'OPEN', reconciliation: null, diverged: false };
    case 'HeartbeatRecorded':
      return { ...state, lastHeartbeatTs: event.ts };
    case 'BalanceBaselineRecorded':
      return {
        ...state,
        baselines: withEntry(state.baselines, event.data.asset, event.data.quantity),
      };
    case 'MarketDataStale':
      return {
        ...state,
        staleMarkets: withEntry(state.staleMarkets, event.data.symbol, event.data.lastTickTs),
      };
    case 'MarketDataResumed':
      return { ...state, staleMarkets: without(state.staleMarkets, event.data.symbol) };
  }
};

/** Folds one account event into the state. Total: every event of the catalogue applies. */
export const evolveAccount = (state: AccountState, event: AccountEvent): AccountState => ({
  ...step(state, event),
  version: state.version + 1,
});

export const foldAccount = (state: AccountState, events: readonly AccountEvent[]): AccountState =>
  events.reduce(evolveAccount, state);
