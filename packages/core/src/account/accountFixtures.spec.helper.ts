import { deciderSpecification } from '../testing/deciderSpecification';
import type {
  AccountCommand,
  AccountTick,
  CheckOrder,
  ExitRejected,
  FillObserved,
  FlattenProgress,
  ReconcileWith,
} from './accountCommand';
import { accountDecider } from './accountDecider';
import type { PositionReport, WorkingOrderRef } from './accountRules';
import { initialAccountState, type AccountState } from './accountState';
import type { RiskConfig } from './riskConfig';

/**
 * Scenarios of the account decider's specs: account `acc-1`, BTC/USDT around 100 and
 * ETH/USDT around 10. `T` is 2024-01-02 10:00 UTC, a Tuesday in the middle of a UTC session.
 */
export const ACCOUNT = 'acc-1';
export const BTC = 'BTC/USDT';
export const ETH = 'ETH/USDT';
export const T = 1_704_189_600_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

export const accountState = (risk: RiskConfig = {}): AccountState => {
  const initial = initialAccountState(ACCOUNT, risk);
  if (initial._tag === 'Left') throw new Error(initial.left.message);
  return initial.right;
};

export const accountSpec = (risk: RiskConfig = {}) =>
  deciderSpecification(accountDecider(accountState(risk)));

export const tick = (
  ts: number,
  price: number,
  symbol = BTC,
  marks?: Record<string, number>,
): AccountTick => ({
  type: 'AccountTick',
  ts,
  symbol,
  price,
  ...(marks === undefined ? {} : { marks }),
});

export const fill = (
  ts: number,
  side: 'BUY' | 'SELL',
  price: number,
  quantity: number,
  more: Partial<FillObserved> = {},
): FillObserved => ({
  type: 'FillObserved',
  ts,
  orderId: 'o-1',
  symbol: BTC,
  side,
  price,
  quantity,
  reduceOnly: false,
  ...more,
});

export const sent = (
  ts: number,
  clientOrderId: string,
  symbol = BTC,
  reduceOnly = false,
): AccountCommand => ({
  type: 'OrderSent',
  ts,
  symbol,
  clientOrderId,
  reduceOnly,
});

export const done = (ts: number, clientOrderId: string): AccountCommand => ({
  type: 'OrderDone',
  ts,
  clientOrderId,
});

export const manualTrip = (ts: number, detail = 'operator pressed the button'): AccountCommand => ({
  type: 'TripKillSwitch',
  ts,
  reason: 'MANUAL',
  detail,
});

export const resetBy = (
  ts: number,
  more: { to?: 'ACTIVE' | 'REDUCING'; abandonFlatten?: boolean } = {},
): AccountCommand => ({ type: 'ResetKillSwitch', ts, by: 'alice', ...more });

export const check = (
  ts: number,
  kind: CheckOrder['kind'],
  more: Partial<CheckOrder> = {},
): CheckOrder => ({ type: 'CheckOrder', ts, kind, symbol: BTC, ...more });

export const progress = (
  ts: number,
  positions: PositionReport[],
  workingOrders: WorkingOrderRef[] = [],
  stepSizes?: Record<string, number>,
): FlattenProgress => ({
  type: 'FlattenProgress',
  ts,
  positions,
  workingOrders,
  ...(stepSizes === undefined ? {} : { stepSizes }),
});

export const rejected = (
  ts: number,
  clientOrderId: string,
  lastPrice: number,
  more: Partial<ExitRejected> = {},
): ExitRejected => ({
  type: 'ExitRejected',
  ts,
  symbol: BTC,
  clientOrderId,
  reason: 'market orders are not accepted in this state',
  lastPrice,
  tickSize: 0.01,
  ...more,
});

export const startReconciliation = (
  ts: number,
  reason: 'START' | 'RECONNECT' | 'MANUAL' = 'START',
): AccountCommand => ({ type: 'StartReconciliation', ts, reason });

type Holdings = ReconcileWith['expected'];
export const reconcile = (
  ts: number,
  expected: Holdings,
  actual: Holdings,
  policy: ReconcileWith['policy'] = 'HALT',
  stepSizes?: Record<string, number>,
): ReconcileWith => ({
  type: 'ReconcileWith',
  ts,
  expected,
  actual,
  policy,
  ...(stepSizes === undefined ? {} : { stepSizes }),
});

export const heartbeat = (ts: number): AccountCommand => ({ type: 'RecordHeartbeat', ts });
