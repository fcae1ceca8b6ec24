import {
  smartOrderDecider,
  type Command,
  type DomainError,
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
 *   given(history(create, entryFill), { paperFills: true })
 *     .when(tick(110), tick(107))
 *     .then([...expected events]);
 *
 * `then` returns the state the events lead to; `thenRejects(code, message?)` asserts a typed
 * rejection (which appends nothing). With `paperFills`, every exit intent is answered by its
 * fill report at the triggering tick's price, as the paper exchange does, so a scenario reads
 * like SEMANTICS.md. Under jest the comparison is jest's own, with its diff; elsewhere a
 * failed check throws an Error whose message carries a line diff of the events as JSON.
 */
export interface GivenOptions {
  readonly paperFills?: boolean;
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
const onPaper = deciderSpecification(smartOrderDecider, {
  assertEqual: runnerAssertEqual,
  respond: paperFills,
});

const specification = (options: GivenOptions) =>
  options.paperFills === true ? onPaper : onExchange;

export const given = (
  events: readonly OrderEvent[] = [],
  options: GivenOptions = {},
): Scenario<Command, State, OrderEvent, DomainError> => specification(options).given(events);

/** The events these commands decide from nothing, to start a scenario from; throws if one is rejected. */
export const history = (commands: readonly Command[], options: GivenOptions = {}): OrderEvent[] =>
  specification(options).history(...commands);

export { paperFills };
