import fc from 'fast-check';
import { left, right } from 'fp-ts/Either';
import { decideInSteps, eventsOf, type Decision } from './decideInSteps';

/** A running total as the state, each event an amount: every call of `evolve` is counted. */
const counting = () => {
  const folded: number[] = [];
  const steps = decideInSteps<number, number>((total, amount) => {
    folded.push(amount);
    return total + amount;
  });
  return { folded, ...steps };
};

describe('decideInSteps', () => {
  it('folds each event once, through steps that answer events and steps that decide in steps themselves', () => {
    const { folded, start, emit, then, steps } = counting();
    // A rule of its own that decides in steps: its events are folded where it decides them.
    const nested = (total: number): Decision<number, number> =>
      then(emit(start(total), [10]), (t) => (t > 10 ? [t] : []));
    const d = steps(
      1,
      () => [2, 3],
      nested,
      (t) => emit(start(t), []),
      () => [4],
    );
    expect(d.events).toEqual([2, 3, 10, 16, 4]);
    expect(d.states).toEqual([3, 6, 16, 32, 36]);
    expect(d.state).toBe(36);
    expect(d.base).toBe(1);
    expect(folded).toEqual(d.events);
  });

  it('decides nothing when no step decides anything, and folds nothing', () => {
    const { folded, steps, start } = counting();
    const d = steps(
      5,
      () => [],
      (t) => start(t),
    );
    expect(d).toEqual({ base: 5, events: [], states: [], state: 5 });
    expect(folded).toEqual([]);
  });

  it("takes a decider's answer as a decision, folding each event once, and passes a refusal through", () => {
    const { folded, decision } = counting();
    const taken = decision(1, right([2, 3]));
    expect(taken).toEqual(right({ base: 1, events: [2, 3], states: [3, 6], state: 6 }));
    expect(folded).toEqual([2, 3]);
    expect(decision(1, left('refused'))).toEqual(left('refused'));
    expect(eventsOf(taken)).toEqual(right([2, 3]));
  });

  it('refuses a step that decided from another state than the one it was given', () => {
    const { steps, start, emit } = counting();
    expect(() =>
      steps(
        1,
        () => [1],
        () => emit(start(100), [1]),
      ),
    ).toThrow(/a step decided from another state/);
  });

  it('the state after each event is the fold of the events up to it, whatever the steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -100, max: 100 }),
        fc.array(
          fc.record({
            nested: fc.boolean(),
            amounts: fc.array(fc.integer({ min: -9, max: 9 }), { maxLength: 4 }),
          }),
          { maxLength: 8 },
        ),
        (base, parts) => {
          const { folded, start, emit, steps } = counting();
          const d = steps(
            base,
            ...parts.map(
              ({ nested, amounts }) =>
                (total: number) =>
                  nested ? emit(start(total), amounts) : amounts,
            ),
          );
          const all = parts.flatMap((p) => p.amounts);
          expect(d.events).toEqual(all);
          expect(d.states).toEqual(
            all.map((_, i) => base + all.slice(0, i + 1).reduce((a, b) => a + b, 0)),
          );
          expect(d.state).toBe(base + all.reduce((a, b) => a + b, 0));
          expect(folded).toHaveLength(all.length);
        },
      ),
    );
  });
});
