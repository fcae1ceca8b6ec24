import { left, right, type Either } from 'fp-ts/Either';
import { accountError, type AccountError } from './accountError';
import { accountEvent, type AccountEvent, type Difference } from './accountEvent';
import type { ReconcileWith, StartReconciliation } from './accountCommand';
import { own } from './accountRules';
import type { AccountState } from './accountState';
import { ownSpotPositions, recordBaselines } from './ownSpotPosition';
import { accountSteps, type AccountDecision } from './accountDecision';
import { reconciliationDifferences } from './reconciliationDifferences';
import { changeTradingState, resume } from './tradingState';
import { allowedKinds } from './tradingGate';

/** The gate closes: from now on nothing is sent until `ReconcileWith` is decided. */
export const decideStartReconciliation = (
  state: AccountState,
  cmd: StartReconciliation,
): AccountEvent[] => [accountEvent('ReconciliationStarted', cmd.ts, { reason: cmd.reason })];

/**
 * The exchange's truth becomes the log's: positions take the exchange's quantity (at its
 * average price when it reports one, else at an unknown cost that counts no P&L), orphaned
 * orders become known working orders, missing ones are forgotten.
 */
const adopt = (
  state: AccountState,
  cmd: ReconcileWith,
  differences: readonly Difference[],
): AccountEvent[] =>
  differences.map((d): AccountEvent => {
    const ref = { clientOrderId: d.clientOrderId ?? '', symbol: d.symbol };
    switch (d.kind) {
      case 'ORPHANED_ORDER':
        return accountEvent('OrderAdopted', cmd.ts, ref);
      case 'MISSING_ORDER':
        return accountEvent('OrderDropped', cmd.ts, ref);
      default: {
        const reported = cmd.actual.positions.find((p) => p.symbol === d.symbol);
        const known = own(state.positions, d.symbol);
        const sameSide = known !== undefined && known.quantity > 0 === d.actual > 0;
        return accountEvent('PositionAdopted', cmd.ts, {
          symbol: d.symbol,
          from: d.expected,
          to: d.actual,
          averagePrice: reported?.averagePrice ?? (sameSide ? known.averagePrice : null),
        });
      }
    }
  });

const completed = (state: AccountState, cmd: ReconcileWith, adopted: boolean): AccountDecision =>
  accountSteps.steps(
    state,
    (s) => [
      accountEvent('ReconciliationCompleted', cmd.ts, {
        reason: s.reconciliation ?? 'START',
        positions: cmd.actual.positions.filter((p) => p.quantity !== 0).length,
        workingOrders: cmd.actual.workingOrders.length,
        adopted,
      }),
    ],
    (s) => resume(s, cmd.ts, 'RECONCILIATION_COMPLETED'),
  );

/**
 * The comparison that opens the gate. Equal: `ReconciliationCompleted`, and trading resumes.
 * Different: `ReconciliationDiverged` naming every difference, then by policy:
 * - HALT: the account is HALTED until a later reconciliation finds them equal;
 * - ADOPT: the exchange's truth is adopted (`PositionAdopted`, `OrderAdopted`, `OrderDropped`)
 *   and the reconciliation completes;
 * - CANCEL_ORPHANS: every orphaned order is to be cancelled (`OrphanCancelRequested`); when
 *   orphans were the only difference the gate stays closed until a new comparison, made once
 *   the cancels are done, finds the two equal; any other difference halts as under HALT.
 * On spot, the baselines of the assets the engine holds nothing in are recorded first, and the
 * positions compared are the account's own (`ownSpotPosition.ts`).
 */
export const decideReconcileWith = (
  state: AccountState,
  cmd: ReconcileWith,
): Either<AccountError, AccountDecision> => {
  if (state.gate !== 'RECONCILING') {
    return left(
      accountError(
        'RECONCILIATION_NOT_STARTED',
        state,
        `ReconcileWith: account ${state.accountId} has no reconciliation under way; decide StartReconciliation first`,
        allowedKinds(state),
      ),
    );
  }
  const spot = cmd.spotBalances ?? [];
  const baselines = recordBaselines(state, cmd.ts, spot, cmd.stepSizes);
  const based = accountSteps.emit(accountSteps.start(state), baselines);
  const withOwn: ReconcileWith = {
    ...cmd,
    actual: {
      ...cmd.actual,
      positions: [...cmd.actual.positions, ...ownSpotPositions(based.state, spot)],
    },
  };
  return right(accountSteps.then(based, (s) => compareHoldings(s, withOwn)));
};

/** The comparison proper, on the state with its baselines recorded. */
const compareHoldings = (state: AccountState, cmd: ReconcileWith): AccountDecision => {
  const differences = reconciliationDifferences(cmd.expected, cmd.actual, cmd.stepSizes);
  if (differences.length === 0) return completed(state, cmd, false);
  const reason = state.reconciliation ?? 'START';
  const orphans = differences.filter((d) => d.kind === 'ORPHANED_ORDER');
  const halted =
    cmd.policy === 'HALT' ||
    (cmd.policy === 'CANCEL_ORPHANS' && orphans.length < differences.length);
  const diverged = accountEvent('ReconciliationDiverged', cmd.ts, {
    reason,
    policy: cmd.policy,
    differences,
    halted,
  });
  return accountSteps.steps(
    state,
    () => [diverged],
    (s) => (cmd.policy === 'ADOPT' ? adopt(s, cmd, differences) : []),
    (s) => (cmd.policy === 'ADOPT' ? completed(s, cmd, true) : []),
    () =>
      cmd.policy === 'CANCEL_ORPHANS'
        ? orphans.map((d) =>
            accountEvent('OrphanCancelRequested', cmd.ts, {
              clientOrderId: d.clientOrderId ?? '',
              symbol: d.symbol,
            }),
          )
        : [],
    (s) => (halted ? changeTradingState(s, cmd.ts, 'HALTED', 'RECONCILIATION_DIVERGED') : []),
  );
};
