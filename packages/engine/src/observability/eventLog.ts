import type { Observable, Subscription } from 'rxjs';
import type { StoredEvent } from '../ports/eventStore';
import type { Logger } from './logger';

type Level = 'error' | 'warn' | 'info' | 'debug';

/**
 * How loud each committed event is in the operator's log: what stops trading or needs a person
 * is an error, what refused or diverged a warning, what an order and the account did info,
 * and the steady beat of heartbeats and trailing raises debug.
 */
const levelOf: Readonly<Record<string, Level>> = {
  KillSwitchTripped: 'error',
  FlattenTimedOut: 'error',
  ReconciliationDiverged: 'warn',
  ExchangeOrderRejected: 'warn',
  TradingStateChanged: 'warn',
  FlattenAbandoned: 'warn',
  StopLossRetried: 'warn',
  FlattenRetriedAsLimit: 'warn',
  HeartbeatRecorded: 'debug',
  TrailingRaised: 'debug',
  WorkingOrderAdded: 'debug',
  WorkingOrderRemoved: 'debug',
};

/** The fields an operator searches by, taken from the event where it has them. */
const fieldsOf = (e: StoredEvent): Record<string, unknown> => {
  const data = (e.data ?? {}) as Record<string, unknown>;
  const fields: Record<string, unknown> = {
    event: e.type,
    stream: e.stream,
    position: e.position,
    ts: e.ts,
  };
  if (e.orderId !== null) fields.orderId = e.orderId;
  else if (typeof data.orderId === 'string') fields.orderId = data.orderId;
  if (e.stream.startsWith('account-')) fields.account = e.stream.slice('account-'.length);
  for (const key of ['clientOrderId', 'exchangeOrderId', 'symbol', 'reason', 'price', 'quantity'])
    if (data[key] !== undefined && data[key] !== null) fields[key] = data[key];
  if (e.type === 'ExchangeOrderRejected') fields.venueAnswer = data.reason;
  if (e.type === 'TradingStateChanged') Object.assign(fields, { from: data.from, to: data.to });
  if (e.type === 'ReconciliationDiverged')
    Object.assign(fields, { policy: data.policy, differences: data.differences });
  if (e.type === 'KillSwitchTripped')
    Object.assign(fields, { detail: data.detail, value: data.value, limit: data.limit });
  return fields;
};

/** Logs every committed event as one record; unsubscribe to stop. */
export const logEvents = (events$: Observable<StoredEvent>, logger: Logger): Subscription =>
  events$.subscribe((e) => {
    const level = levelOf[e.type] ?? 'info';
    if (logger.isLevelEnabled?.(level) === false) return;
    logger[level](fieldsOf(e), e.type);
  });
