import { left, right, type Either } from 'fp-ts/Either';
import {
  arrayOf,
  closed,
  formatIssue,
  formatIssues,
  issue,
  issuesOf,
  DEFAULT_STALE_AFTER_MS,
  PAPER_MARKET,
  staleFlattenLimitError,
  validateSmartOrder,
  exactGridIssues,
  type CreateSmartOrder,
  type MarketSpec,
  type ValidationIssue,
} from '@smart-orders/core';
import { inputError, type InputError } from '../inputError';
import { AccountSpec, type RiskLimits } from './accountCodec';
import { FaultCodec, type Fault } from './faultCodec';
import { FuturesSectionCodec, type FuturesSection } from './futuresCodec';
import { PaperSection } from './paperSection';
import { PlannedCommandCodec, type PlannedCommand } from './planCommandCodec';
import { PlannedOrderCodec, type PlannedOrder } from './planOrderCodec';

export const DEFAULT_ACCOUNT_ID = 'default';

export interface PlanAccount {
  /** The account stream is `account-<id>`; `default` when the plan names none. */
  readonly id: string;
  readonly risk: RiskLimits | null;
  /** Live only: how long a symbol with open orders may go without a tick; null: the default. */
  readonly staleAfterMs: number | null;
  /** Live only: a stale symbol silent this long is flattened, that symbol alone; null: never. */
  readonly flattenAfterStaleMs: number | null;
}

/** A replay or run plan (CLI.md), decoded: every command ready for the engine. */
export interface Plan {
  readonly orders: readonly PlannedOrder[];
  readonly commands: readonly PlannedCommand[];
  readonly account: PlanAccount;
  readonly faults: readonly Fault[];
  readonly paper: PaperSection;
  /** Live only: each derivatives symbol's leverage, margin and position mode (docs/exchanges.md). */
  readonly futures: FuturesSection;
}

const MAX_ITEMS = 1_000_000;

const PlanCodec = closed(
  'Plan',
  {},
  {
    orders: arrayOf(PlannedOrderCodec, 0, MAX_ITEMS),
    commands: arrayOf(PlannedCommandCodec, 0, MAX_ITEMS),
    account: AccountSpec,
    faults: arrayOf(FaultCodec, 0, MAX_ITEMS),
    paper: PaperSection,
    futures: FuturesSectionCodec,
  },
);

/**
 * The exchange's grid is known only once the engine runs, so without a `market` a live
 * exchange's order is checked here on a grid fine enough to pass any real price; the paper
 * exchange's grid is the core's default.
 */
const FINEST_GRID: Required<Omit<MarketSpec, 'minNotional'>> = {
  tickSize: 1e-12,
  stepSize: 1e-12,
  minQty: 0,
};

const planMarket = (cmd: CreateSmartOrder): Parameters<typeof validateSmartOrder>[1] =>
  cmd.market !== undefined
    ? { ...PAPER_MARKET, ...cmd.market }
    : cmd.exchange === 'paper'
      ? PAPER_MARKET
      : FINEST_GRID;

/** The rules of SEMANTICS §1 beyond shape, and ids unique within the plan. */
const orderIssues = (orders: readonly PlannedOrder[]): ValidationIssue[] => {
  const firstIndex = new Map<string, number>();
  return orders.flatMap(({ command }, i) => {
    const path = `orders[${i}]`;
    const market = planMarket(command);
    // The exact grid (§1) is checked once the grid is known: the finest grid stands for any.
    const onGrid = market === FINEST_GRID ? [] : exactGridIssues(command, market);
    const found = [...validateSmartOrder(command, market), ...onGrid].map((x) =>
      issue(x.path === '' ? path : `${path}.${x.path}`, x.rule),
    );
    const earlier = firstIndex.get(command.orderId);
    if (earlier === undefined) firstIndex.set(command.orderId, i);
    else
      found.push(
        issue(
          `${path}.orderId`,
          `must be unique in the plan, ${JSON.stringify(command.orderId)} is also orders[${earlier}]`,
        ),
      );
    return found;
  });
};

/** A symbol's futures settings are for a symbol the plan trades. */
const futuresIssues = (
  futures: FuturesSection,
  orders: readonly PlannedOrder[],
): ValidationIssue[] => {
  const traded = new Set(orders.map((o) => o.command.symbol));
  return Object.keys(futures)
    .filter((symbol) => !traded.has(symbol))
    .map((symbol) =>
      issue(
        `futures.${symbol}`,
        `must be a symbol the plan's orders trade (${[...traded].join(', ') || 'none'})`,
      ),
    );
};

const failed = (file: string, issues: readonly ValidationIssue[]): Either<InputError, never> => {
  const only = issues.length === 1 ? issues[0] : undefined;
  return left(
    only !== undefined && only.path !== ''
      ? inputError(file, only.rule, { field: only.path })
      : inputError(
          file,
          issues.length === 1 ? formatIssue(issues[0] as ValidationIssue) : formatIssues(issues),
        ),
  );
};

/** Decodes a plan's parsed JSON; `file` names it in errors. Unknown fields are refused at every level. */
export const decodePlan = (json: unknown, file: string): Either<InputError, Plan> => {
  const decoded = PlanCodec.decode(json);
  if (decoded._tag === 'Left') return failed(file, issuesOf(decoded.left));
  const {
    orders = [],
    commands = [],
    account,
    faults = [],
    paper = {},
    futures = {},
  } = decoded.right;
  const issues = [...orderIssues(orders), ...futuresIssues(futures, orders)];
  if (issues.length > 0) return failed(file, issues);
  const staleFlatten = staleFlattenLimitError(
    account?.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    account?.flattenAfterStaleMs,
  );
  if (staleFlatten !== null) return left(inputError(file, staleFlatten));
  return right({
    orders,
    commands,
    account: {
      id: account?.id ?? DEFAULT_ACCOUNT_ID,
      risk: account?.risk ?? null,
      staleAfterMs: account?.staleAfterMs ?? null,
      flattenAfterStaleMs: account?.flattenAfterStaleMs ?? null,
    },
    faults,
    paper,
    futures,
  });
};
