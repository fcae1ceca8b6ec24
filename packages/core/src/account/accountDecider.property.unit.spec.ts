import fc from 'fast-check';
import type { AccountCommand } from './accountCommand';
import { AccountEventCodec, type AccountEvent } from './accountEvent';
import { accountState, BTC, ETH, T } from './accountFixtures.spec.helper';
import type { AccountState } from './accountState';
import { decideAccount, decideAccountInSteps } from './decideAccount';
import * as evolution from './evolveAccount';
import { evolveAccount, foldAccount } from './evolveAccount';
import type { RiskConfig } from './riskConfig';
import { isStale } from './marketDataStale';
import { tradingStateOf } from './tradingState';

/**
 * Invariants of the account decider over random risk configs and random sequences of ticks,
 * fills, sends, trips, resets, polls, rejections, reconciliations and heartbeats, hours or
 * days apart so that sessions roll.
 */
const SYMBOLS = [BTC, ETH];
const CIDS = ['c1', 'c2', 'c3', 'c4'];
const price = fc.integer({ min: 1, max: 400 }).map((n) => n / 2);
const quantity = fc.integer({ min: 1, max: 40 }).map((n) => n / 4);
const symbol = fc.constantFrom(...SYMBOLS);
const holdings = fc.record({
  positions: fc.array(
    fc.record({ symbol, quantity: fc.integer({ min: -8, max: 8 }).map((n) => n / 4) }),
    { maxLength: 2 },
  ),
  workingOrders: fc.array(fc.record({ clientOrderId: fc.constantFrom(...CIDS), symbol }), {
    maxLength: 3,
  }),
});

/** A command without its time; `reject` names a flatten exit by symbol, resolved against the state. */
type Action =
  | { readonly kind: 'command'; readonly command: Omit<AccountCommand, 'ts'> }
  | { readonly kind: 'reject'; readonly symbol: string; readonly lastPrice: number };

const action: fc.Arbitrary<Action> = fc
  .oneof(
    {
      weight: 6,
      arbitrary: fc.record({ symbol, price }).map((c) => ({ type: 'AccountTick' as const, ...c })),
    },
    {
      weight: 4,
      arbitrary: fc
        .record({
          symbol,
          price,
          quantity,
          side: fc.constantFrom('BUY' as const, 'SELL' as const),
          reduceOnly: fc.boolean(),
        })
        .map((c) => ({ type: 'FillObserved' as const, orderId: 'o-1', ...c })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({ symbol, clientOrderId: fc.constantFrom(...CIDS), reduceOnly: fc.boolean() })
        .map((c) => ({ type: 'OrderSent' as const, ...c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ clientOrderId: fc.constantFrom(...CIDS) })
        .map((c) => ({ type: 'OrderDone' as const, ...c })),
    },
    {
      weight: 1,
      arbitrary: fc.constant({
        type: 'TripKillSwitch' as const,
        reason: 'MANUAL' as const,
        detail: 'drill',
      }),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          to: fc.constantFrom('ACTIVE' as const, 'REDUCING' as const),
          abandonFlatten: fc.boolean(),
        })
        .map((c) => ({ type: 'ResetKillSwitch' as const, by: 'alice', ...c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('ACTIVE' as const, 'REDUCING' as const)
        .map((to) => ({ type: 'SetTradingState' as const, to, by: 'bob' })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          positions: fc.array(
            fc.record({ symbol, quantity: fc.integer({ min: -4, max: 4 }).map((n) => n / 4) }),
            { maxLength: 2 },
          ),
          workingOrders: fc.array(fc.record({ clientOrderId: fc.constantFrom(...CIDS), symbol }), {
            maxLength: 1,
          }),
        })
        .map((c) => ({ type: 'FlattenProgress' as const, ...c })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('START' as const, 'RECONNECT' as const)
        .map((reason) => ({ type: 'StartReconciliation' as const, reason })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          expected: holdings,
          actual: holdings,
          policy: fc.constantFrom('HALT' as const, 'ADOPT' as const, 'CANCEL_ORPHANS' as const),
        })
        .map((c) => ({ type: 'ReconcileWith' as const, ...c })),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'RecordHeartbeat' as const }) },
    {
      weight: 1,
      arbitrary: symbol.map((s) => ({ type: 'MarkMarketDataStale' as const, symbol: s })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ symbol, silentForMs: fc.constantFrom(0, 30_000) })
        .map((c) => ({ type: 'FlattenStaleMarket' as const, ...c, flattenAfterStaleMs: 30_000 })),
    },
  )
  .map((command): Action => ({ kind: 'command', command }));

const steps = fc.array(
  fc.tuple(
    fc.oneof(
      action,
      fc.record({ symbol, lastPrice: price }).map((r): Action => ({ kind: 'reject', ...r })),
    ),
    fc.oneof(
      fc.integer({ min: 0, max: 5_000 }),
      fc.integer({ min: 3_600_000, max: 2 * 86_400_000 }),
    ),
  ),
  { minLength: 1, maxLength: 60 },
);

const risk: fc.Arbitrary<RiskConfig> = fc.record(
  {
    dailyLossLimit: fc.integer({ min: 10, max: 500 }),
    sessionStart: fc.constantFrom('00:00 UTC', '08:00 +02:00', '17:00 America/New_York'),
    resetAtNextSession: fc.boolean(),
    maxOrdersPerMinute: fc.integer({ min: 1, max: 5 }),
    maxWorkingOrdersPerSymbol: fc.integer({ min: 1, max: 3 }),
    maxPosition: fc.constant({ [BTC]: 5 }),
    flattenTimeoutMs: fc.integer({ min: 1, max: 60_000 }),
  },
  { requiredKeys: [] },
);

interface Step {
  readonly command: AccountCommand;
  readonly before: AccountState;
  readonly after: AccountState;
  readonly decided: readonly AccountEvent[] | null;
}

const commandOf = (a: Action, ts: number, state: AccountState): AccountCommand => {
  if (a.kind === 'command') return { ...a.command, ts } as AccountCommand;
  const exit = state.flatten?.exits[a.symbol];
  return {
    type: 'ExitRejected',
    ts,
    symbol: a.symbol,
    clientOrderId: exit?.clientOrderId ?? 'not-an-exit',
    reason: 'drill',
    lastPrice: a.lastPrice,
    tickSize: 0.5,
  };
};

const run = (
  initial: AccountState,
  actions: readonly (readonly [Action, number])[],
): { steps: Step[]; events: AccountEvent[] } => {
  let state = initial;
  let ts = T;
  const events: AccountEvent[] = [];
  const out: Step[] = [];
  for (const [a, gap] of actions) {
    ts += gap;
    const command = commandOf(a, ts, state);
    const before = state;
    const result = decideAccount(command, state);
    if (result._tag === 'Right') {
      for (const e of result.right) {
        state = evolveAccount(state, e);
        events.push(e);
      }
    }
    out.push({
      command,
      before,
      after: state,
      decided: result._tag === 'Right' ? result.right : null,
    });
  }
  return { steps: out, events };
};

describe('account decider properties', () => {
  it('the state is the fold of the stored events, and deciding again decides the same events', () => {
    fc.assert(
      fc.property(risk, steps, (r, actions) => {
        const initial = accountState(r);
        const { steps: done, events } = run(initial, actions);
        const stored = events.map((e) => {
          const decoded = AccountEventCodec.decode(JSON.parse(JSON.stringify(e)));
          if (decoded._tag === 'Left') throw new Error(`undecodable ${e.type}`);
          return decoded.right;
        });
        expect(foldAccount(initial, stored)).toEqual(done.at(-1)?.after);
        expect(run(initial, actions).events).toEqual(events);
      }),
      { numRuns: 150 },
    );
  });

  it('a decision carries the state after each of its events: the fold of those events onto the state it was taken from', () => {
    fc.assert(
      fc.property(risk, steps, (r, actions) => {
        for (const { command, before, decided } of run(accountState(r), actions).steps) {
          const decision = decideAccountInSteps(command, before);
          expect(decision._tag === 'Right').toBe(decided !== null);
          if (decision._tag === 'Left') continue;
          const { base, events, states, state } = decision.right;
          expect(base).toBe(before);
          expect(events).toEqual(decided);
          events.forEach((_, i) =>
            expect(states[i]).toEqual(foldAccount(before, events.slice(0, i + 1))),
          );
          expect(state).toEqual(foldAccount(before, events));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a decision folds each of its events exactly once', () => {
    fc.assert(
      fc.property(risk, steps, (r, actions) => {
        const done = run(accountState(r), actions).steps;
        const counted = jest.spyOn(evolution, 'evolveAccount');
        try {
          for (const { command, before } of done) {
            counted.mockClear();
            const decision = decideAccountInSteps(command, before);
            const decided = decision._tag === 'Right' ? decision.right.events.length : 0;
            expect(counted).toHaveBeenCalledTimes(decided);
          }
        } finally {
          counted.mockRestore();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a tripped kill switch stays tripped until a reset command, or a session rollover for a daily loss with resetAtNextSession', () => {
    fc.assert(
      fc.property(risk, steps, (r, actions) => {
        for (const s of run(accountState(r), actions).steps) {
          if (s.before.killSwitch === null || s.after.killSwitch !== null) continue;
          const rolled = (s.decided ?? []).some((e) => e.type === 'SessionRolled');
          const byRollover =
            rolled &&
            r.resetAtNextSession === true &&
            s.before.killSwitch.reason === 'DAILY_LOSS_LIMIT';
          expect(s.command.type === 'ResetKillSwitch' || byRollover).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('the recorded trading state is always the one its causes imply, and a flatten of the whole account only runs under a tripped switch', () => {
    fc.assert(
      fc.property(risk, steps, (r, actions) => {
        for (const s of run(accountState(r), actions).steps) {
          expect(s.after.tradingState).toBe(tradingStateOf(s.after));
          if (s.after.flatten !== null && s.after.flatten.symbol === null)
            expect(s.after.killSwitch).not.toBeNull();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a trip is KillSwitchTripped, then HALTED unless already, then FlattenRequested; the gate decides nothing', () => {
    fc.assert(
      fc.property(risk, steps, (r, actions) => {
        for (const s of run(accountState(r), actions).steps) {
          const decided = s.decided ?? [];
          const at = decided.findIndex((e) => e.type === 'KillSwitchTripped');
          if (at >= 0) {
            const next = decided.slice(at + 1, at + 3).map((e) => e.type);
            const expected =
              s.before.tradingState === 'HALTED'
                ? ['FlattenRequested']
                : ['TradingStateChanged', 'FlattenRequested'];
            expect(next.slice(0, expected.length)).toEqual(expected);
            expect(s.before.killSwitch).toBeNull();
          }
          const entry = decideAccount(
            { type: 'CheckOrder', ts: s.command.ts, kind: 'ENTRY', symbol: BTC },
            s.after,
          );
          if (
            s.after.tradingState !== 'ACTIVE' ||
            s.after.gate === 'RECONCILING' ||
            isStale(s.after, BTC) ||
            s.after.flatten?.symbol === BTC
          )
            expect(entry._tag).toBe('Left');
          else expect(entry).toEqual({ _tag: 'Right', right: [] });
          const exit = decideAccount(
            { type: 'CheckOrder', ts: s.command.ts, kind: 'REDUCE_ONLY_EXIT', symbol: BTC },
            s.after,
          );
          const exiting = s.after.flatten?.exits[BTC]?.working === true;
          expect(exit._tag).toBe(s.after.gate === 'RECONCILING' || exiting ? 'Left' : 'Right');
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a flatten of one symbol never exits, nor counts, another symbol', () => {
    fc.assert(
      fc.property(risk, steps, (r, actions) => {
        for (const s of run(accountState(r), actions).steps) {
          const scope = s.after.flatten?.symbol ?? null;
          if (scope === null) continue;
          for (const e of s.decided ?? []) {
            if (e.type === 'FlattenExitRequested' || e.type === 'FlattenRetriedAsLimit')
              expect(e.data.symbol).toBe(scope);
            if (e.type === 'FlattenRequested') {
              expect(e.data.positions.every((p) => p.symbol === scope)).toBe(true);
              expect(e.data.workingOrders.every((o) => o.symbol === scope)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
