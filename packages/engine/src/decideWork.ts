import {
  evolve,
  isTerminal,
  orderCheckOf,
  triggerPrice,
  type AccountError,
  type Command,
  type DomainError,
  type State,
  type Tick,
} from '@smart-orders/core';
import type { AccountWork } from './account/accountWork';
import { priceOf, withMarketPrices, type MarketPrices } from './marketPrices';
import type { OpenOrderBook } from './openOrderBook';
import type { EventStore } from './ports/eventStore';
import { orderStream } from './ports/eventStore';
import type { ExchangeReport } from './ports/exchange';
import type { UnitOfWork } from './unitOfWork';
import type { Work } from './work';
import type { Warn } from './observability/logger';
import { orderEventOf } from './orderEventOf';

/** What the engine needs to decide a unit of work. */
export interface DecideContext {
  readonly book: OpenOrderBook;
  readonly store: EventStore;
  readonly prices: MarketPrices;
  /** The account's symbols with a position: their last prices are the marks beside a tick. */
  readonly heldSymbols: () => Iterable<string>;
  readonly warn: Warn;
}

/** What a tick did before its unit was decided: the venue's fills on it, the orders it moves. */
export interface TickStart {
  readonly matched: readonly ExchangeReport[];
  readonly taken: readonly string[];
}

const symbolOfCommand = (command: Command, state: State): string | undefined =>
  command.type === 'CreateSmartOrder' ? command.symbol : state?.spec.symbol;

/**
 * A refusal of the account's gate, in the shape every caller of a rejection reads today: its
 * own code (TRADING_HALTED, RECONCILIATION_PENDING, …), the order it refused, and the
 * account's fields (`accountId`, `tradingState`, `allowed`) beside them.
 */
const asDomainError = (error: AccountError, command: Command): DomainError =>
  ({
    ...error,
    orderId: command.type === 'Tick' || command.type === 'Timer' ? null : command.orderId,
  }) as unknown as DomainError;

/** An order that has ended is read from its stream: a command for it is refused by the core. */
const loadEnded = async (store: EventStore, orderId: string): Promise<State> => {
  const stored = await store.readStream(orderStream(orderId));
  return stored.reduce<State>((s, e) => evolve(s, orderEventOf(e)), null);
};

/**
 * Decides one unit of work, in this order: the account marks to the tick (its session and
 * limits are those of this moment when the commands that come with the tick reach the gate);
 * the commands, each through the account's gate; the account's own commands; the reports;
 * then the tick: the venue's fills on it first, then every order the trigger index handed out
 * or that this unit touched on the symbol, in creation order.
 */
export const decideWork = async (
  ctx: DecideContext,
  unit: UnitOfWork,
  work: Work,
  start: TickStart | undefined,
  account: AccountWork | undefined,
): Promise<void> => {
  const { book, prices } = ctx;
  const tick: Tick | undefined = work.tick;
  const mark = tick ?? work.markTo;
  const price = mark === undefined ? undefined : priceOf(mark);
  if (account !== undefined && mark !== undefined && price !== undefined) {
    account.decide({
      type: 'AccountTick',
      ts: mark.ts,
      symbol: mark.symbol,
      price,
      marks: prices.beside(mark.symbol, ctx.heldSymbols()),
    });
  }
  for (const command of work.commands ?? []) {
    if (command.type === 'Tick' || command.type === 'Timer') continue;
    const { orderId } = command;
    if (book.get(orderId) === undefined && unit.stateOf(orderId) === null)
      unit.preload(orderId, await loadEnded(ctx.store, orderId));
    if (account !== undefined) {
      const check = orderCheckOf(command, unit.stateOf(orderId));
      const gate = check === null ? null : account.decide(check);
      if (gate !== null && gate._tag === 'Left') {
        unit.rejections.push({ command, error: asDomainError(gate.left, command) });
        continue;
      }
    }
    const symbol = symbolOfCommand(command, unit.stateOf(orderId));
    unit.decideFor(
      orderId,
      withMarketPrices(command, symbol === undefined ? undefined : prices.lastTick(symbol)),
    );
  }
  for (const c of work.accountCommands ?? []) {
    const decided = account?.decide(c);
    if (decided?._tag === 'Left') ctx.warn(`account: ${c.type} refused: ${decided.left.message}`);
  }
  for (const r of work.reports ?? []) unit.report(r);
  if (work.timer !== undefined) {
    const { ts, tick: at } = work.timer;
    for (const id of book.due(ts, at?.symbol)) {
      const s = unit.stateOf(id);
      if (s === null || isTerminal(s)) continue;
      const lastPrice =
        at === undefined
          ? prices.last(s.spec.symbol)
          : triggerPrice(at, s.spec.side, s.spec.triggerSource);
      unit.decideFor(id, { type: 'Timer', ts, ...(lastPrice === undefined ? {} : { lastPrice }) });
    }
  }
  if (tick === undefined || start === undefined) return;
  for (const r of start.matched) unit.report(r);
  const candidates = [...new Set([...start.taken, ...unit.touchedOn(tick.symbol)])].sort(
    (a, b) => (book.seq(a) ?? Infinity) - (book.seq(b) ?? Infinity),
  );
  for (const id of candidates) {
    const s = unit.stateOf(id);
    if (s !== null && !isTerminal(s)) unit.decideFor(id, tick);
  }
};
