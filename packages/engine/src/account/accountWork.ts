import { right, type Either } from 'fp-ts/Either';
import {
  accountCommandsOf,
  decideAccountInSteps,
  exitFillQuantity,
  isFlattenClientOrderId,
  type AccountCommand,
  type AccountError,
  type AccountEvent,
  type AccountState,
} from '@smart-orders/core';
import type { WorkObserver } from '../unitOfWork';
import type { AccountEffect } from '../effects';
import type { ExchangeReport } from '../ports/exchange';
import type { AccountHoldings } from './readHoldings';
import { accountEffectsOf } from './accountEffects';

/** The account's share of one unit of work: its decisions on top of its committed state. */
export interface AccountWork {
  readonly base: AccountState;
  readonly state: AccountState;
  readonly events: readonly AccountEvent[];
  /**
   * Decides (the core folds each event once, as it decides it) and sends what the events ask
   * for; a refusal changes nothing.
   */
  decide(command: AccountCommand): Either<AccountError, AccountEvent[]>;
  readonly observer: WorkObserver;
  /** A trip in this unit of work that has not had its cancels yet. */
  takeTrip(): boolean;
  /** A flatten under way that the exchange's holdings may move on. */
  poll(ts: number, holdings: AccountHoldings, stepSizes?: Readonly<Record<string, number>>): void;
}

export interface AccountWorkContext {
  readonly tickSize: (symbol: string) => number;
  readonly lastPrice: (symbol: string) => number | undefined;
  readonly send: (effect: AccountEffect) => void;
  readonly warn: (message: string) => void;
}

const DONE_TYPES = new Set(['CANCELED', 'EXPIRED', 'REJECTED']);

export const createAccountWork = (base: AccountState, ctx: AccountWorkContext): AccountWork => {
  let state = base;
  const events: AccountEvent[] = [];
  let tripped = false;

  const decide = (command: AccountCommand): Either<AccountError, AccountEvent[]> => {
    const decided = decideAccountInSteps(command, state);
    if (decided._tag === 'Left') return decided;
    const decision = decided.right;
    events.push(...decision.events);
    state = decision.state;
    // The account's own orders (a flatten's exits, orphans' cancels) go out once the whole
    // decision is taken; each exit is then recorded as sent, a decision of its own.
    for (const e of decision.events) {
      if (e.type === 'FlattenRequested') tripped = true;
      for (const effect of accountEffectsOf(state.accountId, e, ctx.lastPrice)) {
        if (effect.kind === 'place') {
          decideOrWarn({
            type: 'OrderSent',
            ts: e.ts,
            symbol: effect.request.symbol,
            clientOrderId: effect.request.clientOrderId,
            reduceOnly: true,
          });
        }
        ctx.send(effect);
      }
    }
    return right([...decision.events]);
  };

  const decideOrWarn = (command: AccountCommand): void => {
    const decided = decide(command);
    if (decided._tag === 'Left')
      ctx.warn(`account ${state.accountId}: ${command.type} refused: ${decided.left.message}`);
  };

  const exitOf = (cid: string) =>
    Object.values(state.flatten?.exits ?? {}).find((x) => x.clientOrderId === cid);

  /** A report of a flatten exit, told to the decider in its terms. */
  const exitReport = (r: ExchangeReport): void => {
    const exit = exitOf(r.clientOrderId);
    const symbolExit = state.flatten?.exits[r.symbol];
    if (r.execType === 'TRADE') {
      const side = exit?.side ?? symbolExit?.side;
      const quantity = exitFillQuantity(state.flatten, r.clientOrderId, r);
      if (side === undefined || r.lastPrice === undefined) {
        ctx.warn(
          `account ${state.accountId}: a fill of ${r.clientOrderId} that no flatten expects`,
        );
        return;
      }
      if (quantity > 0) {
        decideOrWarn({
          type: 'FillObserved',
          ts: r.ts,
          orderId: state.accountId,
          clientOrderId: r.clientOrderId,
          symbol: r.symbol,
          side,
          price: r.lastPrice,
          quantity,
          reduceOnly: true,
          ...(r.fee === undefined ? {} : { fee: r.fee }),
        });
      }
      const filled = exitOf(r.clientOrderId)?.filledQuantity ?? 0;
      if (exit !== undefined && (r.cumulativeQuantity ?? filled) >= exit.quantity)
        decideOrWarn({ type: 'OrderDone', ts: r.ts, clientOrderId: r.clientOrderId });
      return;
    }
    if (r.execType === 'REJECTED' && exit !== undefined) {
      const lastPrice =
        ctx.lastPrice(r.symbol) ?? exit.lastPrice ?? state.positions[r.symbol]?.mark;
      if (lastPrice === undefined || lastPrice === null) {
        ctx.warn(
          `account ${state.accountId}: ${r.clientOrderId} refused with no price to retry at`,
        );
      } else {
        decideOrWarn({
          type: 'ExitRejected',
          ts: r.ts,
          symbol: r.symbol,
          clientOrderId: r.clientOrderId,
          reason: r.reason ?? 'rejected',
          lastPrice,
          tickSize: ctx.tickSize(r.symbol),
          ...(r.refusal === undefined ? {} : { refusal: r.refusal }),
        });
      }
    }
    if (DONE_TYPES.has(r.execType))
      decideOrWarn({ type: 'OrderDone', ts: r.ts, clientOrderId: r.clientOrderId });
  };

  const observer: WorkObserver = {
    recorded(prev, next, e, effects) {
      const sent = effects.flatMap((effect) =>
        effect.kind === 'place'
          ? [
              {
                symbol: effect.request.symbol,
                clientOrderId: effect.request.clientOrderId,
                reduceOnly: effect.request.reduceOnly,
              },
            ]
          : [],
      );
      for (const command of accountCommandsOf(prev, next, e, sent)) decideOrWarn(command);
    },
    ownReport(r) {
      if (!isFlattenClientOrderId(r.clientOrderId)) return false;
      exitReport(r);
      return true;
    },
  };

  return {
    base,
    get state() {
      return state;
    },
    events,
    decide,
    observer,
    takeTrip() {
      const was = tripped;
      tripped = false;
      return was;
    },
    poll(ts, holdings, stepSizes) {
      if (state.flatten === null || state.gate !== 'OPEN') return;
      const lastPrices: Record<string, number> = {};
      for (const { symbol } of [...holdings.positions, ...(holdings.spotBalances ?? [])]) {
        const price = ctx.lastPrice(symbol);
        if (price !== undefined) lastPrices[symbol] = price;
      }
      decideOrWarn({
        type: 'FlattenProgress',
        ts,
        lastPrices,
        ...(holdings.readFrom === undefined ? {} : { readFrom: holdings.readFrom }),
        ...(stepSizes === undefined ? {} : { stepSizes }),
        ...(holdings.spotBalances === undefined || holdings.spotBalances.length === 0
          ? {}
          : { spotBalances: [...holdings.spotBalances] }),
        positions: holdings.positions.map((p) => ({ symbol: p.symbol, quantity: p.quantity })),
        workingOrders: holdings.workingOrders.map((o) => ({
          clientOrderId: o.clientOrderId,
          symbol: o.symbol,
        })),
      });
    },
  };
};
