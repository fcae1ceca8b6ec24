import { left, right, type Either } from 'fp-ts/Either';
import Big from 'big.js';
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
import { exitQuantity, readingSizesExit } from './exitQuantity';

/**
 * The exits of a flatten, one working exit per symbol at most. The first is a market order
 * for what the exchange reports; one the exchange refuses comes back as a marketable limit
 * (`marketableLimit`); one the market leaves behind is cancelled, and what is left is sent
 * again at a price of the moment once the exchange has confirmed it gone; every later exit of
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
    readonly reason: 'REJECTED' | 'REMAINDER';
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
  // A refusal of an exit already replaced, or already filled, changes nothing. One for
  // insufficient balance is no refusal to retry (SEMANTICS §9.1): the coins were sold already
  // or are still locked, and only a reading of the exchange after it says what is left.
  const remaining = remainingOf(exit);
  if (
    exit.clientOrderId !== cmd.clientOrderId ||
    !exit.working ||
    remaining <= 0 ||
    cmd.refusal === 'INSUFFICIENT_BALANCE'
  )
    return right([]);
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

/**
 * A working limit exit that the tick's price has left behind is cancelled, once. It is not
 * replaced here: it may fill until the exchange confirms it gone, so its successor, priced at
 * that moment, is sized by the next reading of the exchange (`exitsFor`).
 */
export const repriceExit = (
  state: AccountState,
  ts: number,
  symbol: string,
  price: number,
): AccountEvent[] => {
  const exit = state.flatten === null ? undefined : own(state.flatten.exits, symbol);
  if (exit === undefined || !exit.working || exit.cancelling || exit.limitPrice === null) return [];
  if (remainingOf(exit) <= 0 || !leftBehind(exit.side, exit.limitPrice, price)) return [];
  return [
    accountEvent('FlattenExitCancelRequested', ts, {
      symbol,
      clientOrderId: exit.clientOrderId,
      limitPrice: exit.limitPrice,
      lastPrice: price,
    }),
  ];
};

/** One reading of the exchange, as `exitsFor` sizes exits on it. */
export interface FlattenReading {
  readonly open: readonly { readonly symbol: string; readonly quantity: number }[];
  readonly stepSizes: Readonly<Record<string, number>>;
  /** On spot, per symbol, the base asset's free balance. */
  readonly free: Readonly<Record<string, number>>;
  readonly lastPrices: Readonly<Record<string, number>>;
  /** The account's version when the reading began (`readingSizesExit`). */
  readonly readFrom: number | undefined;
}

/**
 * An exit for every position the exchange still reports that has no working exit: the first
 * for the symbol, or the next after one that filled in part, expired, was refused or was
 * cancelled, once the reading counts all its fills (`readingSizesExit`). The quantity is what
 * the exchange reports, floored to the step when one is known, and never more than is free
 * (`exitQuantity`): a flatten sells what is there, not what the log believes.
 */
export const exitsFor = (
  state: AccountState,
  ts: number,
  reading: FlattenReading,
): AccountEvent[] => {
  const flatten = state.flatten;
  if (flatten === null) return [];
  return reading.open.flatMap(({ symbol, quantity: held }): AccountEvent[] => {
    const exit = own(flatten.exits, symbol);
    if (!readingSizesExit(exit, reading.readFrom)) return [];
    const side: Side = held > 0 ? 'SELL' : 'BUY';
    const quantity = exitQuantity(held, own(reading.free, symbol), own(reading.stepSizes, symbol));
    if (quantity <= 0) return [];
    const lastPrice =
      own(reading.lastPrices, symbol) ??
      exit?.lastPrice ??
      own(state.positions, symbol)?.mark ??
      null;
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
