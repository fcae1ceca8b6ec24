import { left, right, type Either } from 'fp-ts/Either';
import type { Decider } from '../decider';
import { decideInSteps } from '../decideInSteps';
import { canonicalJson } from './canonicalJson';
import { lineDiff } from './lineDiff';

/**
 * Given / when / then over a decider: the events already in a stream, the commands that come
 * next, and the events they must decide or the typed rejection they must meet. It runs the
 * real `decide` and `evolve`, so a scenario is a statement about the domain, not about a mock.
 */

/** A rejection `thenRejects` can check: a code to branch on and a message for people. */
export interface CodedError {
  readonly code: string;
  readonly message: string;
}

/** Throws when `actual` differs from `expected`; `what` says which check failed. */
export type AssertEqual = (actual: unknown, expected: unknown, what: string) => void;

/**
 * The outside world a scenario runs in (an exchange that answers): made fresh for each run of
 * commands, so it may remember what it was sent.
 */
export interface World<C, S, E> {
  /**
   * What the world answers as a command arrives, decided before it (a paper exchange filling
   * its resting orders at the tick it sees, before the tick moves the order).
   */
  readonly before?: (command: C, state: S) => readonly C[];
  /**
   * The command as it reaches the decider once those answers are decided; null when it does
   * not. Default: as it came. The engine hands a tick only to an open order (a flatten filled
   * at the tick has ended it), and never a print that is not the market.
   */
  readonly admit?: (command: C, state: S) => C | null;
  /**
   * What the world answers to an event just decided (the exchange filling an exit it was
   * sent), as commands: the answers to every event of a unit are decided after it, as the next
   * unit, as the engine decides the venue's answers to what a unit sent.
   */
  readonly respond?: (event: E, state: S) => readonly C[];
}

export interface SpecificationOptions<C, S, E> {
  /** The world each run of commands meets; default one that never answers. */
  readonly world?: () => World<C, S, E>;
  /** Defaults to a thrown error with a line diff of the two values as JSON. */
  readonly assertEqual?: AssertEqual;
}

export interface Decided<S, E> {
  readonly events: readonly E[];
  readonly state: S;
}

export interface Rejected<C, Err> {
  readonly error: Err;
  /** The command that was rejected: one of `when`'s, or a response to an event. */
  readonly command: C;
}

export interface Outcome<C, S, E, Err> {
  readonly result: Either<Rejected<C, Err>, Decided<S, E>>;
  /** Asserts every event decided (responses included, in order); returns the state they lead to. */
  then(expected: readonly E[]): S;
  /** Asserts a rejection with this code, and a message containing the text or matching the pattern. */
  thenRejects(code: string, message?: string | RegExp): Err;
}

export interface Scenario<C, S, E, Err> {
  when(...commands: readonly C[]): Outcome<C, S, E, Err>;
}

export interface Specification<C, S, E, Err> {
  readonly given: (events?: readonly E[]) => Scenario<C, S, E, Err>;
  /** The events that these commands decide from the initial state; throws if one is rejected. */
  readonly history: (...commands: readonly C[]) => E[];
}

export const jsonDiffAssertEqual: AssertEqual = (actual, expected, what) => {
  const a = canonicalJson(actual);
  const e = canonicalJson(expected);
  if (a !== e) throw new Error(`${what}\n- expected\n+ decided\n\n${lineDiff(e, a)}`);
};

export const deciderSpecification = <C, S, E, Err extends CodedError>(
  decider: Decider<C, S, E, Err>,
  options: SpecificationOptions<C, S, E> = {},
): Specification<C, S, E, Err> => {
  const assertEqual = options.assertEqual ?? jsonDiffAssertEqual;
  const world = options.world ?? ((): World<C, S, E> => ({}));
  const inSteps = decideInSteps(decider.evolve);

  const decideAll = (state: S, commands: readonly C[]): Either<Rejected<C, Err>, Decided<S, E>> => {
    const w = world();
    const before = w.before ?? (() => []);
    const admit = w.admit ?? ((command: C) => command);
    const respond = w.respond ?? (() => []);

    // As the engine decides: a unit is the world's answers to the command's arrival, then the
    // command; the world's answers to every event of a unit, in order, are the next unit; and
    // so on until the world has nothing more to say.
    const decideOne = (from: S, command: C): Either<Rejected<C, Err>, Decided<S, E>> => {
      let current = from;
      const events: E[] = [];
      /** Decides `c` alone; a rejection names `asked`, the command as the scenario gave it. */
      const bare = (c: C, asked: C): Rejected<C, Err> | null => {
        const result = inSteps.decision(current, decider.decide(c, current));
        if (result._tag === 'Left') return { error: result.left, command: asked };
        events.push(...result.right.events);
        current = result.right.state;
        return null;
      };
      for (const answer of before(command, current)) {
        const refused = bare(answer, answer);
        if (refused !== null) return left(refused);
      }
      const admitted = admit(command, current);
      const refused = admitted === null ? null : bare(admitted, command);
      if (refused !== null) return left(refused);
      for (let unit = [...events]; unit.length > 0;) {
        const answers = unit.flatMap((e) => respond(e, current));
        const start = events.length;
        for (const answer of answers) {
          const wrong = bare(answer, answer);
          if (wrong !== null) return left(wrong);
        }
        unit = events.slice(start);
      }
      return right({ events, state: current });
    };

    let current = state;
    const events: E[] = [];
    for (const command of commands) {
      const decided = decideOne(current, command);
      if (decided._tag === 'Left') return decided;
      events.push(...decided.right.events);
      current = decided.right.state;
    }
    return right({ events, state: current });
  };

  const describeRejection = (r: Rejected<C, Err>): string =>
    `${r.error.code}: ${r.error.message}\nrejected command: ${canonicalJson(r.command)}`;

  const outcome = (result: Either<Rejected<C, Err>, Decided<S, E>>): Outcome<C, S, E, Err> => ({
    result,
    then: (expected) => {
      if (result._tag === 'Left') {
        throw new Error(
          `expected ${expected.length} event(s), but the decider rejected a command\n${describeRejection(result.left)}`,
        );
      }
      assertEqual(
        result.right.events,
        expected,
        'the decided events differ from the expected ones',
      );
      return result.right.state;
    },
    thenRejects: (code, message) => {
      if (result._tag === 'Right') {
        throw new Error(
          `expected a rejection ${code}, but the decider decided\n${canonicalJson(result.right.events)}`,
        );
      }
      const { error } = result.left;
      if (error.code !== code) {
        throw new Error(`expected a rejection ${code}, got ${describeRejection(result.left)}`);
      }
      const matches =
        message === undefined ||
        (typeof message === 'string'
          ? error.message.includes(message)
          : message.test(error.message));
      if (!matches) {
        throw new Error(
          `the ${code} rejection's message does not match ${String(message)}\nmessage: ${error.message}`,
        );
      }
      return error;
    },
  });

  const given = (events: readonly E[] = []): Scenario<C, S, E, Err> => {
    const state = events.reduce(decider.evolve, decider.initialState);
    return { when: (...commands) => outcome(decideAll(state, commands)) };
  };

  const history = (...commands: readonly C[]): E[] => {
    const decided = decideAll(decider.initialState, commands);
    if (decided._tag === 'Left')
      throw new Error(`the history does not apply\n${describeRejection(decided.left)}`);
    return [...decided.right.events];
  };

  return { given, history };
};
