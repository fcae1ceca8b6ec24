import { left, right, type Either } from 'fp-ts/Either';
import Big from 'big.js';
import { floorToStep } from '../decimal';
import type { Side } from '../side';
import { accountError, type AccountError } from './accountError';
import { accountEvent, type AccountEvent } from './accountEvent';
import type { ExitRejected } from './accountCommand';
import { own } from './accountRules';
import type { AccountState, FlattenExit } from './accountState';
import { flattenAttemptOf, flattenClientOrderId } from './flattenClientOrderId';
import { leftBehind, marketableLimit } from './marketableLimit';
import { RISK_DEFAULTS } from './riskConfig';
import { allowedKinds } from './tradingGate';

/**
 * The exits of a flatten, one working exit per symbol at most. The first is a market order
 * for what the exchange reports; one the exchange refuses comes back as a marketable limit
 * (`marketableLimit`), re-priced whenever the market leaves it behind, and every later exit of
 * that symbol is a limit too: a venue that refused a market order once (a reserved or
 * auction state, a price band) will refuse it again.
 */
const remainingOf = (exit: FlattenExit): number =>
  new Big(exit.quantity).minus(exit.filledQuantity).toNumber();

const limitExit = (
  state: AccountState,
  ts: number,
  exit: FlattenExit,
  how: {
    readonly reason: 'REJECTED' | 'REPRICED' | 'REMAINDER';
    readonly side: Side;
    readonly quantity: number;
    readonly lastPrice: number;
    readonly tickSize: number;
    readonly rejection: string | null;
  },
): AccountEvent => {
  const seq = state.flatten?.seq ?? state.flattens;
  const band = state.risk.limitPriceBandBps ?? RISK_DEFAULTS.limitPriceBandBps;
  const attempt = exit.attempt + 1;
  return accountEvent('FlattenRetriedAsLimit', ts, {
    reason: how.reason,
    symbol: exit.symbol,
    side: how.side,
    quantity: how.quantity,
    limitPrice: marketableLimit(how.side, how.lastPrice, band, how.tickSize),
    lastPrice: how.lastPrice,
    band,
    tickSize: how.tickSize,
    attempt,
    clientOrderId: flattenClientOrderId(state.accountId, exit.symbol, seq, attempt),
    replaces: exit.clientOrderId,
    rejection: how.rejection,
  });
};

export const decideExitRejected = (
  state: AccountState,
  cmd: ExitRejected,
): Either<AccountError, AccountEvent[]> => {
  const flatten = state.flatten;
  const unknown = (why: string) =>
    left(
      accountError(
        'UNKNOWN_FLATTEN_EXIT',
        state,
        `ExitRejected: ${cmd.clientOrderId} on ${cmd.symbol} ${why}`,
        allowedKinds(state),
      ),
    );
  if (flatten === null)
    return unknown(`is not a flatten exit: account ${state.accountId} is not flattening`);
  const exit = own(flatten.exits, cmd.symbol);
  if (
    flattenAttemptOf(state.accountId, cmd.symbol, flatten.seq, cmd.clientOrderId) === null ||
    exit === undefined
  ) {
    return unknown(`is not an exit of flatten ${flatten.seq} of account ${state.accountId}`);
  }
  // A refusal of an exit already replaced, or already filled, changes nothing.
  const remaining = remainingOf(exit);
  if (exit.clientOrderId !== cmd.clientOrderId || !exit.working || remaining <= 0) return right([]);
  return right([
    limitExit(state, cmd.ts, exit, {
      reason: 'REJECTED',
      side: exit.side,
      quantity: remaining,
      lastPrice: cmd.lastPrice,
      tickSize: cmd.tickSize,
      rejection: cmd.reason,
    }),
  ]);
};

/** A working limit exit that the tick's price has left behind is replaced at a price from this tick. */
export const repriceExit = (
  state: AccountState,
  ts: number,
  symbol: string,
  price: number,
): AccountEvent[] => {
  const exit = state.flatten === null ? undefined : own(state.flatten.exits, symbol);
  if (exit === undefined || !exit.working || exit.limitPrice === null || exit.tickSize === null)
    return [];
  const remaining = remainingOf(exit);
  if (remaining <= 0 || !leftBehind(exit.side, exit.limitPrice, price)) return [];
  return [
    limitExit(state, ts, exit, {
      reason: 'REPRICED',
      side: exit.side,
      quantity: remaining,
      lastPrice: price,
      tickSize: exit.tickSize,
      rejection: null,
    }),
  ];
};

/**
 * An exit for every position the exchange still reports that has no working exit: the first
 * for the symbol, or the next after one that filled in part, expired or was cancelled. The
 * quantity is what the exchange reports, floored to the step when one is known: a flatten sells
 * what is there, not what the log believes.
 */
export const exitsFor = (
  state: AccountState,
  ts: number,
  open: readonly { readonly symbol: string; readonly quantity: number }[],
  stepSizes: Readonly<Record<string, number>>,
): AccountEvent[] => {
  const flatten = state.flatten;
  if (flatten === null) return [];
  return open.flatMap(({ symbol, quantity: held }): AccountEvent[] => {
    const exit = own(flatten.exits, symbol);
    if (exit?.working === true) return [];
    const side: Side = held > 0 ? 'SELL' : 'BUY';
    const step = own(stepSizes, symbol);
    const quantity = step === undefined ? Math.abs(held) : floorToStep(Math.abs(held), step);
    if (quantity <= 0) return [];
    const lastPrice = exit?.lastPrice ?? own(state.positions, symbol)?.mark ?? null;
    if (
      exit !== undefined &&
      exit.limitPrice !== null &&
      exit.tickSize !== null &&
      lastPrice !== null
    ) {
      return [
        limitExit(state, ts, exit, {
          reason: 'REMAINDER',
          side,
          quantity,
          lastPrice,
          tickSize: exit.tickSize,
          rejection: null,
        }),
      ];
    }
    const attempt = (exit?.attempt ?? 0) + 1;
    return [
      accountEvent('FlattenExitRequested', ts, {
        symbol,
        side,
        quantity,
        attempt,
        clientOrderId: flattenClientOrderId(state.accountId, symbol, flatten.seq, attempt),
      }),
    ];
  });
};
