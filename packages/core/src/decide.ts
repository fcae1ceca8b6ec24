import { left, right, type Either } from 'fp-ts/Either';

import { issuesOf } from './codecs/issues';
import { Command } from './commands/command';
import { domainError, validationFailed, type DomainError } from './domainError';
import type { OrderEvent } from './events/orderEvent';
import { decideCancel } from './rules/cancel';
import { decideCreate } from './rules/create';
import { decideExecutionReport } from './rules/executionReports';
import { requireLiveOrder } from './rules/liveOrderGuard';
import { decideModifyStopLoss } from './rules/modifyStopLoss';
import { decideModifyTrailing } from './rules/modifyTrailing';
import { decideNativeStop } from './rules/nativeStop';
import { evolve } from './state/evolve';
import { decideInSteps, eventsOf, type Decision } from './decideInSteps';
import { decideTick } from './rules/onTick';
import { decideTimeLimits } from './rules/timeLimits';
import { decideToggleBreakEven } from './rules/toggleBreakEven';
import { isTerminal, type OrderState, type State } from './state/orderState';

/** Decodes any input into a command, or names every field that is wrong and the rule. */
export const decodeCommand = (input: unknown): Either<DomainError, Command> => {
  const decoded = Command.decode(input);
  if (decoded._tag === 'Right') return decoded;
  const orderId =
    typeof input === 'object' &&
    input !== null &&
    typeof (input as { orderId?: unknown }).orderId === 'string'
      ? (input as { orderId: string }).orderId
      : null;
  return left(validationFailed(orderId, issuesOf(decoded.left)));
};

const isPlainTick = (c: unknown): boolean => {
  if (typeof c !== 'object' || c === null) return false;
  const tick = c as Record<string, unknown>;
  const ok = (v: unknown): boolean =>
    v === undefined || (typeof v === 'number' && v > 0 && Number.isFinite(v));
  return (
    tick.type === 'Tick' &&
    typeof tick.symbol === 'string' &&
    typeof tick.ts === 'number' &&
    Number.isInteger(tick.ts) &&
    tick.ts >= 0 &&
    ok(tick.price) &&
    ok(tick.bid) &&
    ok(tick.ask)
  );
};

const EXEC_TYPES: ReadonlySet<unknown> = new Set([
  'NEW',
  'TRADE',
  'CANCELED',
  'EXPIRED',
  'REJECTED',
]);
const REPORT_FIELDS: ReadonlySet<string> = new Set([
  'type',
  'orderId',
  'ts',
  'clientOrderId',
  'execType',
  'lastPrice',
  'lastQuantity',
  'cumulativeQuantity',
  'exchangeOrderId',
  'reason',
]);

/**
 * The shape check of an execution report, exactly what its codec checks, written out: fills
 * arrive on the hot path too (every trigger of a paper replay fills in the same batch). Any
 * report it does not accept goes through the codec, which names what is wrong.
 */
const isPlainReport = (c: unknown): boolean => {
  if (typeof c !== 'object' || c === null) return false;
  const r = c as Record<string, unknown>;
  const positive = (v: unknown): boolean =>
    v === undefined || (typeof v === 'number' && v > 0 && Number.isFinite(v));
  const text = (v: unknown): boolean =>
    v === undefined || (typeof v === 'string' && v.length > 0 && v.length <= 200);
  for (const key in r) if (!REPORT_FIELDS.has(key)) return false;
  return (
    r.type === 'ExecutionReport' &&
    typeof r.orderId === 'string' &&
    /^[A-Za-z0-9_-]{1,64}$/.test(r.orderId) &&
    typeof r.ts === 'number' &&
    Number.isInteger(r.ts) &&
    r.ts >= 0 &&
    typeof r.clientOrderId === 'string' &&
    text(r.clientOrderId) &&
    EXEC_TYPES.has(r.execType) &&
    positive(r.lastPrice) &&
    positive(r.lastQuantity) &&
    (r.cumulativeQuantity === undefined ||
      (typeof r.cumulativeQuantity === 'number' &&
        r.cumulativeQuantity >= 0 &&
        Number.isFinite(r.cumulativeQuantity))) &&
    text(r.exchangeOrderId) &&
    text(r.reason)
  );
};

// fp-ts's pipeable `chain` copies its arguments on every call (`dual`); on the tick path that
// was most of the cost of a tick that decides nothing, so the guard is chained by hand.
const andThen = <A>(
  guarded: Either<DomainError, OrderState>,
  rule: (s: OrderState) => Either<DomainError, A>,
): Either<DomainError, A> => (guarded._tag === 'Left' ? guarded : rule(guarded.right));

/** A decision on one order's stream: its events, and the state after each (`decideInSteps`). */
export type OrderDecision = Decision<State, OrderEvent>;

const orderSteps = decideInSteps<State, OrderEvent>((s, e) => evolve(s, e));

/**
 * The decider: one command against one order's state, to the events it causes or a typed
 * rejection. Pure: no clock, no ids, no I/O; the same inputs always decide the same events.
 * Commands other than ticks are decoded again here, so that a caller bypassing the codecs
 * still cannot put an invalid order in a stream; ticks and execution reports take a cheap
 * shape check first, because they are the hot path.
 */
export const decide = (command: Command, state: State): Either<DomainError, OrderEvent[]> =>
  eventsOf(decideOrder(command, state));

/**
 * The same decision with the state after each of its events, every event folded once, where
 * it was decided: the engine's unit of work carries these states on and folds nothing again.
 */
export const decideOrder = (command: Command, state: State): Either<DomainError, OrderDecision> =>
  withNativeStop(decideCommand(command, state));

/**
 * The native stop follows whatever a decision changed (a fill, a raised or moved stop, an
 * exit that started). A decision that changed nothing leaves it alone, so ticks that decide
 * nothing stay free; a decision that ended the order has cancelled it already.
 */
const withNativeStop = (
  decided: Either<DomainError, OrderDecision>,
): Either<DomainError, OrderDecision> => {
  if (decided._tag === 'Left' || decided.right.base?.nativeStop == null) return decided;
  const d = decided.right;
  const last = d.events[d.events.length - 1];
  if (last === undefined) return decided;
  const native = orderSteps.then(d, (after) =>
    after === null || isTerminal(after) ? [] : decideNativeStop(after, last.ts),
  );
  return native === d ? decided : right(native);
};

/** A rule that answers with events alone: its decision folds each of them once. */
const folded = (state: State, decided: Either<DomainError, readonly OrderEvent[]>) =>
  orderSteps.decision(state, decided);

const decideCommand = (command: Command, state: State): Either<DomainError, OrderDecision> => {
  const checked: Either<DomainError, Command> =
    isPlainTick(command) || isPlainReport(command) ? right(command) : decodeCommand(command);
  if (checked._tag === 'Left') return checked;
  const cmd = checked.right;
  switch (cmd.type) {
    case 'CreateSmartOrder':
      return folded(state, decideCreate(state, cmd));
    case 'Tick':
      return andThen(requireExisting(state, null, 'Tick'), (s) => decideTick(s, cmd));
    case 'Timer':
      return andThen(requireExisting(state, null, 'Timer'), (s) =>
        right(decideTimeLimits(s, cmd.ts, cmd.lastPrice ?? null)),
      );
    case 'ExecutionReport':
      return andThen(requireExisting(state, cmd.orderId, 'ExecutionReport'), (s) =>
        decideExecutionReport(s, cmd),
      );
    case 'ModifyStopLoss':
      return folded(
        state,
        andThen(requireLiveOrder(state, cmd.orderId, cmd.type), (s) =>
          decideModifyStopLoss(s, cmd),
        ),
      );
    case 'ModifyTrailing':
      return folded(
        state,
        andThen(requireLiveOrder(state, cmd.orderId, cmd.type), (s) =>
          decideModifyTrailing(s, cmd),
        ),
      );
    case 'ToggleBreakEven':
      return andThen(requireLiveOrder(state, cmd.orderId, cmd.type), (s) =>
        decideToggleBreakEven(s, cmd),
      );
    case 'Cancel':
      return andThen(requireLiveOrder(state, cmd.orderId, cmd.type), (s) => decideCancel(s, cmd));
  }
};

/** Ticks and reports reach any existing order; on a terminal one they are refused like the rest. */
const requireExisting = (state: State, orderId: string | null, what: string) => {
  if (state === null) {
    return left(
      domainError(
        'ORDER_NOT_FOUND',
        orderId,
        `${what}: no such smart order${orderId === null ? '' : ` ${orderId}`}`,
      ),
    );
  }
  if (isTerminal(state)) {
    return left(
      domainError(
        'ORDER_TERMINAL',
        state.spec.orderId,
        `${what}: order ${state.spec.orderId} is ${state.status}, a terminal state`,
      ),
    );
  }
  return right(state);
};
