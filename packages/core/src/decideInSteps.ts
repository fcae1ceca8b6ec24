import { right, type Either } from 'fp-ts/Either';

/**
 * A decision taken in steps: the events decided so far and the state after each, so that a
 * rule later in the same decision (break-even after a fill, OCO after the last fill, a limit
 * checked in the session a tick has just rolled) sees what came before, and so that whoever
 * carries the decision on (the engine's unit of work, the next step) never folds an event
 * again. Every event of a decision is folded exactly once, where it is decided.
 */
export interface Decision<S, E> {
  /** The state the decision started from. */
  readonly base: S;
  readonly events: readonly E[];
  /** `states[i]` is the state after `events[i]`. */
  readonly states: readonly S[];
  /** Where the events lead: the last of `states`, or `base` when nothing was decided. */
  readonly state: S;
}

/**
 * One part of a decision, given the state the earlier parts led to: the events it adds, or a
 * decision of its own taken from that state (a rule that decides in steps itself), whose
 * folded states are taken as they are.
 */
export type Step<S, E> = (state: S) => readonly E[] | Decision<S, E>;

export interface InSteps<S, E> {
  /** A decision that has decided nothing yet. */
  start(state: S): Decision<S, E>;
  /** Adds events, each folded once onto the state before it. */
  emit(decision: Decision<S, E>, events: readonly E[]): Decision<S, E>;
  /** Adds what a step decides on the state so far. */
  then(decision: Decision<S, E>, step: Step<S, E>): Decision<S, E>;
  /** A decision made of steps, each seeing what the earlier ones decided. */
  steps(state: S, ...steps: readonly Step<S, E>[]): Decision<S, E>;
  /**
   * A rule's answer as a decision from the state it decided on: its events each folded once,
   * or its own decision as it is.
   */
  decision<Err>(
    state: S,
    decided: Either<Err, readonly E[] | Decision<S, E>>,
  ): Either<Err, Decision<S, E>>;
}

const isDecision = <S, E>(x: readonly E[] | Decision<S, E>): x is Decision<S, E> =>
  !Array.isArray(x);

/** Deciding in steps over one state and its `evolve`: the order's, the account's, a lease's. */
export const decideInSteps = <S, E>(evolve: (state: S, event: E) => S): InSteps<S, E> => {
  const start = (state: S): Decision<S, E> => ({ base: state, events: [], states: [], state });

  const emit = (d: Decision<S, E>, events: readonly E[]): Decision<S, E> => {
    if (events.length === 0) return d;
    const states = [...d.states];
    let state = d.state;
    for (const e of events) {
      state = evolve(state, e);
      states.push(state);
    }
    return { base: d.base, events: [...d.events, ...events], states, state };
  };

  /** A decision taken from where `d` ends, appended to it: nothing is folded again. */
  const append = (d: Decision<S, E>, next: Decision<S, E>): Decision<S, E> => {
    if (next.base !== d.state)
      throw new Error('decideInSteps: a step decided from another state than the one it was given');
    if (next.events.length === 0) return d;
    // Nothing decided before: `d` ends where it began, where `next` begins.
    if (d.events.length === 0) return next;
    return {
      base: d.base,
      events: [...d.events, ...next.events],
      states: [...d.states, ...next.states],
      state: next.state,
    };
  };

  const then = (d: Decision<S, E>, step: Step<S, E>): Decision<S, E> => {
    const decided = step(d.state);
    return isDecision(decided) ? append(d, decided) : emit(d, decided);
  };

  return {
    start,
    emit,
    then,
    steps: (state, ...steps) => steps.reduce(then, start(state)),
    decision: (state, decided) =>
      decided._tag === 'Left' ? decided : right(then(start(state), () => decided.right)),
  };
};

/** The events of a decision, in the shape `decide(command, state)` answers. */
export const eventsOf = <Err, S, E>(decided: Either<Err, Decision<S, E>>): Either<Err, E[]> =>
  decided._tag === 'Left' ? decided : right([...decided.right.events]);
