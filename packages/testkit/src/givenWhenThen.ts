import {
  smartOrderDecider,
  type Command,
  type DomainError,
  type FillModelConfig,
  type OrderEvent,
  type State,
} from '@smart-orders/core';
import {
  deciderSpecification,
  jsonDiffAssertEqual,
  paperFills,
  type AssertEqual,
  type Scenario,
} from '@smart-orders/core/testing';

/**
 * Given / when / then over the real smart-order decider, for users' own test suites:
 *
 *   given(history([create, entryFill]), { paperFills: true })
 *     .when(tick(110), tick(107))
 *     .then([...expected events]);
 *
 * `then` returns the state the events lead to; `thenRejects(code, message?)` asserts a typed
 * rejection (which appends nothing). With `paperFills`, the paper exchange answers, with the
 * core's one fill model (SEMANTICS §9.4), the very model the paper exchange fills the engine's
 * orders with: each tick first fills what works on the exchange (a market entry, a limit entry it
 * reaches, a flatten, the rest of an exit its print was too small for), then reaches the order;
 * an exit triggered by a tick fills at that tick's price with what its print has left; every fill
 * pays the fee schedule (by default the spec's 10 / 10 bps, in the asset received), takes at most
 * the printed size, and waits the latency; cancels are confirmed at once. `fills` sets the model
 * as `replay()` does (`{ fees: NO_FEES }` for none). A report the scenario sends itself is the
 * exchange's word. Under jest the comparison is jest's own, with its diff; elsewhere a failed
 * check throws an Error whose message carries a line diff of the events as JSON.
 */
export interface GivenOptions {
  readonly paperFills?: boolean;
  /** The paper exchange's fill model, over the spec's (`DEFAULT_FILL_MODEL`); only with `paperFills`. */
  readonly fills?: Partial<FillModelConfig>;
}

type JestExpect = (actual: unknown) => { toEqual: (expected: unknown) => void };

const runnerAssertEqual: AssertEqual = (actual, expected, what) => {
  const jestExpect = (globalThis as { expect?: JestExpect }).expect;
  if (typeof jestExpect !== 'function') {
    jsonDiffAssertEqual(actual, expected, what);
    return;
  }
  try {
    jestExpect(actual).toEqual(expected);
  } catch (error) {
    if (error instanceof Error) error.message = `${what}\n\n${error.message}`;
    throw error;
  }
};

const onExchange = deciderSpecification(smartOrderDecider, { assertEqual: runnerAssertEqual });

const specification = (options: GivenOptions) => {
  if (options.paperFills !== true) return onExchange;
  const { fills } = options;
  return deciderSpecification(smartOrderDecider, {
    assertEqual: runnerAssertEqual,
    world: () => paperFills(fills),
  });
};

export const given = (
  events: readonly OrderEvent[] = [],
  options: GivenOptions = {},
): Scenario<Command, State, OrderEvent, DomainError> => specification(options).given(events);

/** The events these commands decide from nothing, to start a scenario from; throws if one is rejected. */
export const history = (commands: readonly Command[], options: GivenOptions = {}): OrderEvent[] =>
  specification(options).history(...commands);

export { paperFills };
