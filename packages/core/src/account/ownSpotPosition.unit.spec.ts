import fc from 'fast-check';
import type { AccountCommand, FlattenProgress, ReconcileWith } from './accountCommand';
import type { AccountEvent } from './accountEvent';
import {
  ACCOUNT,
  accountState,
  BTC,
  fill,
  manualTrip,
  startReconciliation,
  T,
} from './accountFixtures.spec.helper';
import type { AccountState } from './accountState';
import { decideAccount } from './decideAccount';
import { foldAccount } from './evolveAccount';
import { ownSpotPositions } from './ownSpotPosition';

/** SEMANTICS §7 v2: on spot the engine guards what its own fills bought, not the whole balance. */
const STEP = 0.0001;
const steps = { [BTC]: STEP };

const run = (state: AccountState, command: AccountCommand): [AccountState, AccountEvent[]] => {
  const decided = decideAccount(command, state);
  if (decided._tag === 'Left') throw new Error(decided.left.message);
  return [foldAccount(state, decided.right), decided.right];
};

/** A START reconciliation of the log against a spot balance of BTC. */
const reconcileSpot = (state: AccountState, ts: number, balance: number) => {
  const [gated] = run(state, startReconciliation(ts));
  const cmd: ReconcileWith = {
    type: 'ReconcileWith',
    ts,
    policy: 'HALT',
    stepSizes: steps,
    expected: {
      positions: Object.entries(gated.positions).map(([symbol, p]) => ({
        symbol,
        quantity: p.quantity,
      })),
      workingOrders: [],
    },
    actual: { positions: [], workingOrders: [] },
    spotBalances: [{ symbol: BTC, balance }],
  };
  return run(gated, cmd);
};

const poll = (ts: number, balance: number): FlattenProgress => ({
  type: 'FlattenProgress',
  ts,
  positions: [],
  workingOrders: [],
  stepSizes: steps,
  spotBalances: [{ symbol: BTC, balance }],
});

/** Quantities on the step grid, as a venue holds them. */
const units = (min: number, max: number) =>
  fc.integer({ min, max }).map((n) => Number((n * STEP).toFixed(4)));

describe('the account’s own spot position', () => {
  it('records the balance as the baseline while the engine holds nothing, and reports no position', () => {
    const [state, events] = reconcileSpot(accountState(), T, 3);
    expect(events.map((e) => e.type)).toEqual([
      'BalanceBaselineRecorded',
      'ReconciliationCompleted',
    ]);
    expect(events[0]?.data).toEqual({ asset: 'BTC', quantity: 3, previous: null });
    expect(state.baselines).toEqual({ BTC: 3 });
  });

  it('keeps the baseline while the engine holds a position, so a sale by hand of its coins is a ghost', () => {
    const [based] = reconcileSpot(accountState(), T, 3);
    const [holding] = run(based, fill(T + 1, 'BUY', 100, 0.5));
    const [, events] = reconcileSpot(holding, T + 2, 3);
    expect(events.map((e) => e.type)).toEqual(['ReconciliationDiverged', 'TradingStateChanged']);
    expect(events[0]?.data).toMatchObject({
      differences: [{ kind: 'GHOST_POSITION', symbol: BTC, expected: 0.5, actual: 0 }],
    });
  });

  it('takes a later balance as the new baseline once the engine holds nothing again', () => {
    const [based] = reconcileSpot(accountState(), T, 3);
    const [, events] = reconcileSpot(based, T + 1, 7);
    expect(events[0]?.data).toEqual({ asset: 'BTC', quantity: 7, previous: 3 });
  });

  it('without a baseline (a stream from before them) takes the log’s position as far as the balance covers it', () => {
    const [holding] = run(accountState(), fill(T, 'BUY', 100, 2));
    expect(ownSpotPositions(holding, [{ symbol: BTC, balance: 5 }])).toEqual([
      { symbol: BTC, quantity: 2 },
    ]);
    expect(ownSpotPositions(holding, [{ symbol: BTC, balance: 1.5 }])).toEqual([
      { symbol: BTC, quantity: 1.5 },
    ]);
  });

  it('property: coins held outside the engine are never a difference, whatever the engine bought', () => {
    fc.assert(
      fc.property(units(0, 100_000), units(1, 50_000), (outside, bought) => {
        const [based] = reconcileSpot(accountState(), T, outside);
        const [holding] = run(based, fill(T + 1, 'BUY', 100, bought));
        const balance = Number((outside + bought).toFixed(4));
        const [after, events] = reconcileSpot(holding, T + 2, balance);
        expect(events.map((e) => e.type)).toEqual(['ReconciliationCompleted']);
        expect(after.tradingState).toBe('ACTIVE');
      }),
    );
  });

  it('property: a flatten sells the engine’s own position and no more, and is flat at the baseline', () => {
    fc.assert(
      fc.property(units(0, 100_000), units(1, 50_000), (outside, bought) => {
        const [based] = reconcileSpot(accountState(), T, outside);
        const [holding] = run(based, fill(T + 1, 'BUY', 100, bought));
        const [tripped] = run(holding, manualTrip(T + 2));
        const balance = Number((outside + bought).toFixed(4));
        const [flattening, exits] = run(tripped, poll(T + 3, balance));
        const sold = exits.filter((e) => e.type === 'FlattenExitRequested');
        expect(sold.map((e) => e.data)).toEqual([
          expect.objectContaining({ symbol: BTC, side: 'SELL', quantity: bought }),
        ]);
        const exit = sold[0]?.data as { clientOrderId: string };
        const [sold2] = run(
          flattening,
          fill(T + 4, 'SELL', 99, bought, {
            orderId: ACCOUNT,
            clientOrderId: exit.clientOrderId,
            reduceOnly: true,
          }),
        );
        const [, done] = run(sold2, { ...poll(T + 5, outside) });
        expect(done.map((e) => e.type)).toContain('FlattenConfirmed');
      }),
    );
  });
});
