import { accountEvent as ev } from './accountEvent';
import {
  accountSpec,
  BTC,
  check,
  ETH,
  fill,
  manualTrip,
  reconcile,
  startReconciliation,
  T,
} from './accountFixtures.spec.helper';
import { reconciliationDifferences } from './reconciliationDifferences';

const SOL = 'SOL/USDT';

describe('reconciliation differences', () => {
  it('names a ghost position, an unknown position, a mismatch, an orphaned order and a missing order', () => {
    expect(
      reconciliationDifferences(
        {
          positions: [
            { symbol: BTC, quantity: 1 },
            { symbol: SOL, quantity: 3 },
          ],
          workingOrders: [
            { clientOrderId: 'kept', symbol: BTC },
            { clientOrderId: 'lost', symbol: BTC },
          ],
        },
        {
          positions: [
            { symbol: ETH, quantity: -2 },
            { symbol: SOL, quantity: 2 },
          ],
          workingOrders: [
            { clientOrderId: 'kept', symbol: BTC },
            { clientOrderId: 'stray', symbol: ETH },
          ],
        },
      ),
    ).toEqual([
      { kind: 'GHOST_POSITION', symbol: BTC, expected: 1, actual: 0 },
      { kind: 'UNKNOWN_POSITION', symbol: ETH, expected: 0, actual: -2 },
      { kind: 'POSITION_MISMATCH', symbol: SOL, expected: 3, actual: 2 },
      { kind: 'MISSING_ORDER', symbol: BTC, expected: 1, actual: 0, clientOrderId: 'lost' },
      { kind: 'ORPHANED_ORDER', symbol: ETH, expected: 0, actual: 1, clientOrderId: 'stray' },
    ]);
  });

  it('takes quantities less than one step apart for equal, and dust for no position', () => {
    const expected = { positions: [{ symbol: BTC, quantity: 1 }], workingOrders: [] };
    const steps = { [BTC]: 0.001, [ETH]: 0.01 };
    expect(
      reconciliationDifferences(
        expected,
        {
          positions: [
            { symbol: BTC, quantity: 1.0009 },
            { symbol: ETH, quantity: 0.009 },
          ],
          workingOrders: [],
        },
        steps,
      ),
    ).toEqual([]);
    expect(
      reconciliationDifferences(
        expected,
        { positions: [{ symbol: BTC, quantity: 1.001 }], workingOrders: [] },
        steps,
      ),
    ).toEqual([{ kind: 'POSITION_MISMATCH', symbol: BTC, expected: 1, actual: 1.001 }]);
    expect(
      reconciliationDifferences(expected, {
        positions: [{ symbol: BTC, quantity: 1.0009 }],
        workingOrders: [],
      }),
    ).toHaveLength(1);
  });
});

describe('the reconciliation gate', () => {
  const spec = accountSpec();
  const log = {
    positions: [{ symbol: BTC, quantity: 1 }],
    workingOrders: [{ clientOrderId: 'tp-1', symbol: BTC }],
  };
  // The exchange lost the BTC position (a ghost in the log) and works an order the log never sent.
  const planted = {
    positions: [],
    workingOrders: [
      { clientOrderId: 'tp-1', symbol: BTC },
      { clientOrderId: 'stray-9', symbol: BTC },
    ],
  };
  const ghost = { kind: 'GHOST_POSITION' as const, symbol: BTC, expected: 1, actual: 0 };
  const orphan = {
    kind: 'ORPHANED_ORDER' as const,
    symbol: BTC,
    expected: 0,
    actual: 1,
    clientOrderId: 'stray-9',
  };
  const reconciling = spec.history(fill(T, 'BUY', 100, 1), startReconciliation(T + 1, 'RECONNECT'));

  it('opens the gate when the exchange agrees with the log', () => {
    const state = spec
      .given(reconciling)
      .when(reconcile(T + 2, log, { ...log }))
      .then([
        ev('ReconciliationCompleted', T + 2, {
          reason: 'RECONNECT',
          positions: 1,
          workingOrders: 1,
          adopted: false,
        }),
      ]);
    expect(state.gate).toBe('OPEN');
  });

  it('HALT: finds the planted ghost position and orphaned order, names them and halts', () => {
    const state = spec
      .given(reconciling)
      .when(reconcile(T + 2, log, planted, 'HALT'))
      .then([
        ev('ReconciliationDiverged', T + 2, {
          reason: 'RECONNECT',
          policy: 'HALT',
          differences: [ghost, orphan],
          halted: true,
        }),
        ev('TradingStateChanged', T + 2, {
          from: 'ACTIVE',
          to: 'HALTED',
          reason: 'RECONCILIATION_DIVERGED',
        }),
      ]);
    expect(state.diverged).toBe(true);
    expect(state.tradingState).toBe('HALTED');
  });

  const diverged = spec.history(
    fill(T, 'BUY', 100, 1),
    startReconciliation(T + 1, 'RECONNECT'),
    reconcile(T + 2, log, planted, 'HALT'),
  );

  it('HALT: keeps refusing entries, lets cancels and protective exits through', () => {
    spec
      .given(diverged)
      .when(check(T + 3, 'ENTRY'))
      .thenRejects('TRADING_HALTED', 'the exchange diverged from the event log');
    spec
      .given(diverged)
      .when(check(T + 3, 'CANCEL'), check(T + 3, 'REDUCE_ONLY_EXIT'))
      .then([]);
  });

  it('HALT: stays HALTED through a new reconciliation until one finds no difference', () => {
    const state = spec
      .given(diverged)
      .when(startReconciliation(T + 3, 'MANUAL'))
      .then([ev('ReconciliationStarted', T + 3, { reason: 'MANUAL' })]);
    expect(state.tradingState).toBe('HALTED');
    expect(state.diverged).toBe(true);
    spec
      .given(diverged)
      .when(startReconciliation(T + 3, 'MANUAL'), reconcile(T + 4, log, planted, 'CANCEL_ORPHANS'))
      .then([
        ev('ReconciliationStarted', T + 3, { reason: 'MANUAL' }),
        ev('ReconciliationDiverged', T + 4, {
          reason: 'MANUAL',
          policy: 'CANCEL_ORPHANS',
          differences: [ghost, orphan],
          halted: true,
        }),
        ev('OrphanCancelRequested', T + 4, { clientOrderId: 'stray-9', symbol: BTC }),
      ]);
  });

  it('HALT: resumes only when a later reconciliation finds no difference', () => {
    spec
      .given(diverged)
      .when(startReconciliation(T + 3, 'MANUAL'), reconcile(T + 4, log, log))
      .then([
        ev('ReconciliationStarted', T + 3, { reason: 'MANUAL' }),
        ev('ReconciliationCompleted', T + 4, {
          reason: 'MANUAL',
          positions: 1,
          workingOrders: 1,
          adopted: false,
        }),
        ev('TradingStateChanged', T + 4, {
          from: 'HALTED',
          to: 'ACTIVE',
          reason: 'RECONCILIATION_COMPLETED',
        }),
      ]);
  });

  it('stays HALTED after a clean reconciliation while the kill switch is tripped', () => {
    const state = spec
      .given(spec.history(manualTrip(T), startReconciliation(T + 1)))
      .when(
        reconcile(
          T + 2,
          { positions: [], workingOrders: [] },
          { positions: [], workingOrders: [] },
        ),
      )
      .then([
        ev('ReconciliationCompleted', T + 2, {
          reason: 'START',
          positions: 0,
          workingOrders: 0,
          adopted: false,
        }),
      ]);
    expect(state.tradingState).toBe('HALTED');
  });

  it('ADOPT: records the exchange’s truth as the log’s, and completes', () => {
    const actual = {
      positions: [{ symbol: ETH, quantity: 3, averagePrice: 11 }],
      workingOrders: [{ clientOrderId: 'stray-9', symbol: BTC }],
    };
    const state = spec
      .given(reconciling)
      .when(reconcile(T + 2, log, actual, 'ADOPT'))
      .then([
        ev('ReconciliationDiverged', T + 2, {
          reason: 'RECONNECT',
          policy: 'ADOPT',
          differences: [
            ghost,
            { kind: 'UNKNOWN_POSITION', symbol: ETH, expected: 0, actual: 3 },
            orphan,
            { kind: 'MISSING_ORDER', symbol: BTC, expected: 1, actual: 0, clientOrderId: 'tp-1' },
          ],
          halted: false,
        }),
        ev('PositionAdopted', T + 2, { symbol: BTC, from: 1, to: 0, averagePrice: null }),
        ev('PositionAdopted', T + 2, { symbol: ETH, from: 0, to: 3, averagePrice: 11 }),
        ev('OrderAdopted', T + 2, { clientOrderId: 'stray-9', symbol: BTC }),
        ev('OrderDropped', T + 2, { clientOrderId: 'tp-1', symbol: BTC }),
        ev('ReconciliationCompleted', T + 2, {
          reason: 'RECONNECT',
          positions: 1,
          workingOrders: 1,
          adopted: true,
        }),
      ]);
    expect(state.gate).toBe('OPEN');
    expect(state.tradingState).toBe('ACTIVE');
    expect(state.positions).toEqual({ [ETH]: { quantity: 3, averagePrice: 11, mark: 11 } });
    expect([...state.workingOrders.byId.keys()]).toEqual(['stray-9']);
  });

  it('CANCEL_ORPHANS: requests the orphans’ cancels and keeps the gate closed until a new comparison', () => {
    const onlyOrphan = { positions: log.positions, workingOrders: planted.workingOrders };
    const state = spec
      .given(reconciling)
      .when(reconcile(T + 2, log, onlyOrphan, 'CANCEL_ORPHANS'))
      .then([
        ev('ReconciliationDiverged', T + 2, {
          reason: 'RECONNECT',
          policy: 'CANCEL_ORPHANS',
          differences: [orphan],
          halted: false,
        }),
        ev('OrphanCancelRequested', T + 2, { clientOrderId: 'stray-9', symbol: BTC }),
      ]);
    expect(state.gate).toBe('RECONCILING');
    const cancelling = spec.history(
      fill(T, 'BUY', 100, 1),
      startReconciliation(T + 1, 'RECONNECT'),
      reconcile(T + 2, log, onlyOrphan, 'CANCEL_ORPHANS'),
    );
    spec
      .given(cancelling)
      .when(check(T + 3, 'ENTRY'))
      .thenRejects('RECONCILIATION_PENDING');
    spec
      .given(cancelling)
      .when(reconcile(T + 4, log, log))
      .then([
        ev('ReconciliationCompleted', T + 4, {
          reason: 'RECONNECT',
          positions: 1,
          workingOrders: 1,
          adopted: false,
        }),
      ]);
  });

  it('CANCEL_ORPHANS: cancels the orphans and halts when anything else differs too', () => {
    spec
      .given(reconciling)
      .when(reconcile(T + 2, log, planted, 'CANCEL_ORPHANS'))
      .then([
        ev('ReconciliationDiverged', T + 2, {
          reason: 'RECONNECT',
          policy: 'CANCEL_ORPHANS',
          differences: [ghost, orphan],
          halted: true,
        }),
        ev('OrphanCancelRequested', T + 2, { clientOrderId: 'stray-9', symbol: BTC }),
        ev('TradingStateChanged', T + 2, {
          from: 'ACTIVE',
          to: 'HALTED',
          reason: 'RECONCILIATION_DIVERGED',
        }),
      ]);
  });

  it('refuses a comparison without a reconciliation under way', () => {
    spec
      .given()
      .when(reconcile(T, log, log))
      .thenRejects('RECONCILIATION_NOT_STARTED', 'decide StartReconciliation first');
  });
});
