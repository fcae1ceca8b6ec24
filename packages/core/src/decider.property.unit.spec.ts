import fc from 'fast-check';
import type { Either } from 'fp-ts/Either';
import type { Command } from './commands/command';
import { decide, decideOrder, decodeCommand } from './decide';
import { sub, sum } from './decimal';
import type { DomainError } from './domainError';
import { TERMINAL_EVENT_TYPES, type OrderEvent } from './events/orderEvent';
import { recordedFill } from './policies/lateReport';
import { effectiveStop } from './rules/effectiveStop';
import { workingExitQuantity } from './rules/exposure';
import { triggerPrice } from './rules/triggerPrice';
import { nextDeadline } from './rules/timeLimits';
import { watchPrices } from './rules/watchPrices';
import { better } from './side';
import * as evolution from './state/evolve';
import { evolve, fold } from './state/evolve';
import { isTerminal, type State } from './state/orderState';
import {
  anAction,
  anEntry,
  anOrder,
  commandFor,
  type Action,
  type World,
} from './testing/orderArbitraries.spec.helper';
import { NO_FEES } from './fillModel/feeSchedule';
import { inWorld } from './testing/inWorld';
import { paperFills } from './testing/paperFills';

/**
 * Invariants of the decider over random valid orders, long and short, and random sequences of
 * ticks, exchange reports and user commands; with the paper exchange's fills (the core's fill
 * model, no fee) or with the exchange's answers drawn at random (partial fills, cancels, refusals, repeats).
 */

interface Step {
  readonly command: Command;
  readonly before: State;
  readonly result: Either<DomainError, OrderEvent[]>;
  readonly after: State;
  readonly events: readonly OrderEvent[];
}

const run = (
  order: Command & { type: 'CreateSmartOrder' },
  actions: readonly Action[],
  paper: boolean,
): Step[] => {
  let state: State = null;
  const events: OrderEvent[] = [];
  const steps: Step[] = [];
  const decideOne = (command: Command): readonly OrderEvent[] => {
    const before = state;
    const result = decide(command, state);
    if (result._tag === 'Right') {
      for (const e of result.right) {
        state = evolve(state, e);
        events.push(e);
      }
    }
    steps.push({ command, before, result, after: state, events: [...events] });
    return result._tag === 'Right' ? result.right : [];
  };
  const submit = paper
    ? inWorld(paperFills({ fees: NO_FEES }), () => state, decideOne)
    : (command: Command) => void decideOne(command);
  submit(order);
  const entry = order.entry?.type === 'LIMIT' ? order.entry.price : (order.referencePrice ?? 100);
  let world: World = { lastCents: Math.round(entry * 100), lastReport: null };
  actions.forEach((action, i) => {
    const next = commandFor(action, state, world);
    world = next.world;
    if (next.command !== null) submit({ ...next.command, ts: 10 + i } as Command);
  });
  return steps;
};

const scenario = fc.record({
  order: anOrder,
  actions: fc
    .tuple(anEntry, fc.array(anAction, { minLength: 1, maxLength: 60 }))
    .map(([entry, rest]) => [...entry, ...rest]),
  paper: fc.boolean(),
});

const RUNS = { numRuns: 250 };

const exitsOf = (events: readonly OrderEvent[]): number =>
  sum(
    events.flatMap((e) =>
      e.type === 'TpFilled' ||
      e.type === 'StopLossFilled' ||
      e.type === 'FlattenFilled' ||
      e.type === 'NativeStopFilled'
        ? [e.data.quantity]
        : [],
    ),
  );

/**
 * An offset stop is resolved from the average entry price at each entry fill (SEMANTICS §8.1):
 * a later lot at a worse price moves it with the average, the one move the user asked for.
 */
const reResolvesOffsetStop = (command: Command, before: State): boolean =>
  command.type === 'ExecutionReport' &&
  before?.stopOffsetPct != null &&
  (command.clientOrderId === before.spec.entryClientOrderId ||
    // Each level of an entry ladder re-resolves it on the new average (SEMANTICS §8.4).
    (before.entryLevels?.some((l) => l.clientOrderId === command.clientOrderId) ?? false));

describe('decider properties', () => {
  it('(a) the state is the fold of every event from scratch, at every step', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const step of run(order, actions, paper)) {
          expect(fold(step.events)).toEqual(step.after);
          expect(step.after?.version ?? 0).toBe(step.events.length);
        }
      }),
      RUNS,
    );
  });

  it('(a2) a decision carries the state after each of its events: the fold of those events onto the state it was taken from', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { command, before, result } of run(order, actions, paper)) {
          const decision = decideOrder(command, before);
          expect(decision._tag).toBe(result._tag);
          if (decision._tag === 'Left' || result._tag === 'Left') continue;
          const { base, events, states, state } = decision.right;
          expect(base).toBe(before);
          expect(events).toEqual(result.right);
          events.forEach((_, i) => expect(states[i]).toEqual(fold(events.slice(0, i + 1), before)));
          expect(state).toEqual(fold(events, before));
        }
      }),
      RUNS,
    );
  });

  it('(a3) a decision folds each of its events exactly once', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        const steps = run(order, actions, paper);
        const counted = jest.spyOn(evolution, 'evolve');
        try {
          for (const { command, before } of steps) {
            counted.mockClear();
            const decision = decideOrder(command, before);
            const decided = decision._tag === 'Right' ? decision.right.events.length : 0;
            expect(counted).toHaveBeenCalledTimes(decided);
          }
        } finally {
          counted.mockRestore();
        }
      }),
      RUNS,
    );
  });

  it('(b) exits never exceed the filled entry; a terminal order has exited exactly what filled', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { after: s, events } of run(order, actions, paper)) {
          if (s === null) continue;
          const exited = exitsOf(events);
          expect(exited).toBeLessThanOrEqual(s.entryFilledQuantity);
          expect(s.openQuantity).toBe(sum([s.entryFilledQuantity, -exited]));
          // A native stop filling while a managed exit is in flight is the one race that the
          // venue's reduce-only flag settles, not the engine's sizing.
          const raced = events.some((e) => e.type === 'NativeStopFilled');
          if (!isTerminal(s) && !raced)
            expect(workingExitQuantity(s)).toBeLessThanOrEqual(s.openQuantity);
          const last = events[events.length - 1];
          const leftToUser = last?.type === 'SmartOrderCancelled' && !last.data.flatten;
          if (isTerminal(s) && !leftToUser) expect(exited).toBe(s.entryFilledQuantity);
        }
      }),
      RUNS,
    );
  });

  it('(b2) what the log records as filled for each exchange order is what the state holds for it', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { after: s, events } of run(order, actions, paper)) {
          if (s === null) continue;
          const recorded = (cid: string) => recordedFill(events, cid);
          if (s.entryLevels === null)
            expect(recorded(s.spec.entryClientOrderId)).toBe(s.entryFilledQuantity);
          for (const l of s.entryLevels ?? [])
            expect(recorded(l.clientOrderId)).toBe(l.filledQuantity);
          for (const l of s.takeProfits)
            if (l.clientOrderId !== null)
              expect(recorded(l.clientOrderId)).toBe(
                sub(l.filledQuantity, l.filledBeforeAttempt ?? 0),
              );
          for (const x of s.exits) expect(recorded(x.clientOrderId)).toBe(x.filledQuantity);
          for (const o of s.nativeStop?.orders ?? [])
            expect(recorded(o.clientOrderId)).toBe(o.filledQuantity);
        }
      }),
      RUNS,
    );
  });

  it('(c) the effective stop never moves against the position, except by ModifyStopLoss', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { command, before, after } of run(order, actions, paper)) {
          if (
            before === null ||
            after === null ||
            command.type === 'ModifyStopLoss' ||
            isTerminal(after) ||
            reResolvesOffsetStop(command, before)
          )
            continue;
          const was = effectiveStop(before);
          const is = effectiveStop(after);
          if (was === null) continue;
          expect(is).not.toBeNull();
          expect(better(after.spec.side, was.price, is?.price ?? NaN)).toBe(false);
        }
      }),
      RUNS,
    );
  });

  it('(d) after a terminal event every command is rejected and nothing follows it', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { before, result, events } of run(order, actions, paper)) {
          if (before !== null && isTerminal(before)) expect(result._tag).toBe('Left');
          const terminalAt = events.findIndex((e) => TERMINAL_EVENT_TYPES.has(e.type));
          if (terminalAt >= 0) expect(terminalAt).toBe(events.length - 1);
        }
      }),
      RUNS,
    );
  });

  it('(e) the same tick processed twice decides nothing the second time', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { command, after } of run(order, actions, paper)) {
          if (command.type !== 'Tick') continue;
          const again = decide(command, after);
          if (again._tag === 'Right') expect(again.right).toEqual([]);
          else expect(again.left.code).toBe('ORDER_TERMINAL');
        }
      }),
      RUNS,
    );
  });

  it('a tick strictly inside the watch prices decides nothing (the engine may skip it)', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { command, before, result } of run(order, actions, paper)) {
          if (command.type !== 'Tick' || before === null || isTerminal(before)) continue;
          const p = triggerPrice(command, before.spec.side, before.spec.triggerSource);
          const watch = watchPrices(before);
          // A deadline is not a price: the engine decides a passed one before the tick.
          const deadline = nextDeadline(before);
          if (deadline !== null && command.ts >= deadline) continue;
          if (p !== undefined && p > watch.below && p < watch.above) {
            expect(result).toEqual({ _tag: 'Right', right: [] });
          }
        }
      }),
      RUNS,
    );
  });
});

describe('exit plans (SEMANTICS §8.3, §8.6)', () => {
  it('a trailing entry trigger only follows the market toward the position, and sends the entry only at or beyond it', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { before, after, result } of run(order, actions, paper)) {
          if (before?.entryTrail == null || after?.entryTrail == null) continue;
          const was = before.entryTrail.triggerPrice;
          const is = after.entryTrail.triggerPrice;
          // A long's trigger falls with the low, a short's rises with the high.
          if (was !== null && is !== null) expect(better(after.spec.side, is, was)).toBe(false);
          if (result._tag === 'Left') continue;
          for (const e of result.right) {
            if (e.type !== 'EntryTriggered') continue;
            expect(
              after.spec.side === 'BUY'
                ? e.data.price >= e.data.triggerPrice
                : e.data.price <= e.data.triggerPrice,
            ).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });

  it('a passed deadline is the first thing decided at the time that finds it, and only once', () => {
    fc.assert(
      fc.property(scenario, ({ order, actions, paper }) => {
        for (const { command, before, result } of run(order, actions, paper)) {
          if (before === null || isTerminal(before) || result._tag === 'Left') continue;
          if (command.type !== 'Tick' && command.type !== 'Timer') continue;
          if (command.type === 'Tick' && command.offMarket === true) continue;
          const deadline = nextDeadline(before);
          if (deadline === null || command.ts < deadline) continue;
          const first = result.right[0];
          expect(
            first?.type === 'TimeLimitReached' ||
              (first?.type === 'OcoCancelled' && first.data.reason === 'ENTRY_TIMEOUT'),
          ).toBe(true);
          expect(
            result.right.filter((e) => e.type === 'TimeLimitReached').length,
          ).toBeLessThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });
});

describe('(f) no input, however malformed, makes decodeCommand or decide throw', () => {
  const wild = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withNullPrototype: true,
    withObjectString: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
  });
  const states = fc.tuple(scenario, fc.nat()).map(([{ order, actions, paper }, k]) => {
    const steps = run(order, actions, paper);
    return steps[k % steps.length]?.after ?? null;
  });

  it('for any value at all', () => {
    fc.assert(
      fc.property(wild, states, (input, state) => {
        expect(decodeCommand(input)._tag).toBe('Left');
        expect(['Left', 'Right']).toContain(decide(input as Command, state)._tag);
      }),
      { numRuns: 300 },
    );
  });

  it('for valid commands with one field replaced, removed or added', () => {
    const mutated = fc
      .tuple(
        scenario,
        fc.nat(),
        fc.string({ maxLength: 12 }),
        wild,
        fc.constantFrom('replace', 'remove', 'add'),
      )
      .map(([{ order, actions, paper }, k, key, value, how]) => {
        const steps = run(order, actions, paper);
        const step = steps[k % steps.length] as Step;
        const command = { ...step.command } as Record<string, unknown>;
        const keys = Object.keys(command);
        const field = how === 'add' ? key : (keys[k % keys.length] as string);
        if (how === 'remove') delete command[field];
        else command[field] = value;
        return { command, state: step.before };
      });
    fc.assert(
      fc.property(mutated, ({ command, state }) => {
        decodeCommand(command);
        expect(['Left', 'Right']).toContain(decide(command as unknown as Command, state)._tag);
      }),
      { numRuns: 300 },
    );
  });
});
