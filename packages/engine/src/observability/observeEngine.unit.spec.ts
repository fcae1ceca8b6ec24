import { Subject } from 'rxjs';
import type { Tick } from '@smart-orders/core';
import type { StoredEvent } from '../ports/eventStore';
import type { UnitOutcome } from '../runUnit';
import { NOTHING } from '../work';
import { createEngineMetrics } from './engineMetrics';
import { createLogger } from './logger';
import { observeEngine } from './observeEngine';

const recordsInto = (records: Record<string, unknown>[]) =>
  createLogger({
    level: 'info',
    destination: {
      write: (line: string) => records.push(JSON.parse(line) as Record<string, unknown>),
    },
  });

const created: StoredEvent = {
  position: 1,
  stream: 'smart-order-o-1',
  orderId: 'o-1',
  version: 1,
  ts: 1,
  type: 'SmartOrderCreated',
  data: { symbol: 'BTC/USDT' },
};
const tick: Tick = { type: 'Tick', symbol: 'BTC/USDT', ts: 1, price: 100 };
const cancel = (clientOrderId: string) =>
  ({ kind: 'cancel', orderId: 'o-1', clientOrderId, symbol: 'BTC/USDT', ts: 1 }) as const;
const outcome: UnitOutcome = {
  result: NOTHING,
  effects: [cancel('a'), cancel('b')],
  accountEffects: [cancel('c')],
  pollHoldings: false,
  unexpectedFills: 0,
  heldExits: 0,
};

const valuesOf = async (
  metrics: ReturnType<typeof createEngineMetrics>,
  name: string,
): Promise<{ labels: object; value: number }[]> =>
  (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];

describe('the operator’s view of an engine', () => {
  it('logs every committed event, and counts it when metrics are kept', async () => {
    const records: Record<string, unknown>[] = [];
    const metrics = createEngineMetrics();
    const events$ = new Subject<StoredEvent>();
    observeEngine(
      { events$, openOrders: () => [], account: () => undefined },
      recordsInto(records),
      metrics,
    );
    events$.next(created);
    expect(records).toMatchObject([{ event: 'SmartOrderCreated', orderId: 'o-1' }]);
    expect(await valuesOf(metrics, 'smart_orders_events_total')).toEqual([
      { labels: { type: 'SmartOrderCreated' }, value: 1 },
    ]);
  });

  it('counts the ticks seen, the units decided and the requests they made, by kind', async () => {
    const metrics = createEngineMetrics();
    const events$ = new Subject<StoredEvent>();
    const observers = observeEngine(
      { events$, openOrders: () => [], account: () => undefined },
      recordsInto([]),
      metrics,
    );
    observers.tickSeen(tick);
    observers.decided(outcome);
    expect(await valuesOf(metrics, 'smart_orders_ticks_total')).toEqual([
      { labels: { symbol: 'BTC/USDT' }, value: 1 },
    ]);
    expect(await valuesOf(metrics, 'smart_orders_decisions_total')).toMatchObject([{ value: 1 }]);
    expect(await valuesOf(metrics, 'smart_orders_intents_total')).toEqual([
      { labels: { kind: 'cancel' }, value: 3 },
    ]);
  });

  it('reads the open orders for the gauge at each scrape', async () => {
    const metrics = createEngineMetrics();
    let open = 0;
    observeEngine(
      {
        events$: new Subject<StoredEvent>(),
        openOrders: () =>
          Array.from({ length: open }, () => ({ status: 'ACTIVE' })) as ReturnType<
            Parameters<typeof observeEngine>[0]['openOrders']
          >,
        account: () => undefined,
      },
      recordsInto([]),
      metrics,
    );
    open = 2;
    expect(await valuesOf(metrics, 'smart_orders_open_orders')).toEqual([
      { labels: { status: 'ACTIVE' }, value: 2 },
    ]);
  });

  it('without metrics, events are still logged and the hooks count nothing', () => {
    const records: Record<string, unknown>[] = [];
    const events$ = new Subject<StoredEvent>();
    const observers = observeEngine(
      { events$, openOrders: () => [], account: () => undefined },
      recordsInto(records),
      undefined,
    );
    observers.tickSeen(tick);
    observers.decided(outcome);
    events$.next(created);
    expect(records).toHaveLength(1);
  });
});
