import { left, right, type Either } from 'fp-ts/Either';
import { clientOrderId, PURPOSE } from '../clientOrderId';
import {
  DEFAULT_BREAK_EVEN_TAKER_BPS,
  type CreateSmartOrder,
  type NativeStopMode,
  type NativeStopSpec,
} from '../commands/createSmartOrder';
import { issue } from '../codecs/issues';
import { extended } from '../extended';
import { validationFailed, type DomainError } from '../domainError';
import { event, type OrderEvent } from '../events/orderEvent';
import type { State } from '../state/orderState';
import { exactGridIssues } from './exactGrid';
import { stopBeyondLiquidationIssues } from './stopBeyondLiquidation';
import { orderMarket, venueMarketIssues } from './venueMarket';
import { validateSmartOrder } from './validateSmartOrder';
import { ladderOrders, withLadderEntry } from './entryLadder';

/**
 * Without the engine to ask the venue, a native stop is kept by place-new-then-cancel-old,
 * which every venue that holds stops can do.
 */
const resolvedNativeStop = (n: NativeStopSpec): NativeStopSpec & { mode: NativeStopMode } =>
  n.mode === 'OFF'
    ? { offsetRate: n.offsetRate, mode: 'OFF', reason: n.reason ?? 'turned off' }
    : { offsetRate: n.offsetRate, mode: n.mode ?? 'REPLACE' };

/**
 * Creating a smart order: every rule of SEMANTICS §1 is checked here, so that no invalid
 * order ever reaches a stream. The event records the command as validated, with the market
 * and trigger source resolved, so that replaying the stream never depends on outside data.
 */
export const decideCreate = (
  state: State,
  cmd: CreateSmartOrder,
): Either<DomainError, OrderEvent[]> => {
  if (state !== null) {
    return left(
      validationFailed(cmd.orderId, [
        issue('orderId', `must be unique, ${cmd.orderId} already exists`),
      ]),
    );
  }
  const market = orderMarket(cmd);
  const issues = [
    ...venueMarketIssues(cmd),
    ...validateSmartOrder(cmd, market),
    ...exactGridIssues(cmd, market),
    ...stopBeyondLiquidationIssues(cmd),
  ];
  if (issues.length > 0) return left(validationFailed(cmd.orderId, issues));
  const entries = cmd.entries === undefined ? undefined : ladderOrders(cmd, market.stepSize);
  const {
    type: _type,
    ts,
    stopLoss,
    trailing,
    referencePrice,
    nativeStop,
    breakEven,
    entries: _entries,
    // Checked here, not recorded: the decision it led to is.
    liquidationGuard: _liquidationGuard,
    venueMarket: _venueMarket,
    ...rest
  } = withLadderEntry(cmd);
  const withFees = typeof breakEven === 'object';
  return right([
    event(
      'SmartOrderCreated',
      ts,
      extended(rest, {
        breakEven: withFees ? true : (breakEven ?? false),
        ...(withFees
          ? { breakEvenFees: { takerBps: breakEven.takerBps ?? DEFAULT_BREAK_EVEN_TAKER_BPS } }
          : {}),
        market,
        triggerSource: cmd.triggerSource ?? 'LAST',
        // A ladder's first level stands for its entry where one entry is asked for.
        entryClientOrderId:
          entries?.[0]?.clientOrderId ?? clientOrderId(cmd.orderId, PURPOSE.entry, 0, 1),
        ...(entries === undefined ? {} : { entries }),
        ...(stopLoss === undefined ? {} : { stopLoss }),
        ...(trailing === undefined ? {} : { trailing }),
        ...(referencePrice === undefined ? {} : { referencePrice }),
        ...(nativeStop === undefined ? {} : { nativeStop: resolvedNativeStop(nativeStop) }),
      }),
    ),
  ]);
};
