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
  paperFillsOnTick,
  tickReachesOrder,
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
 * rejection (which appends nothing). With `paperFills`, the exchange answers as the paper
 * exchange does: an exit triggered by a tick fills at that tick's price, and a market exit sent
 * between ticks (a flatten) fills at the next tick of the symbol, at its price; so a scenario
 * reads like SEMANTICS.md. Under jest the comparison is jest's own, with its diff; elsewhere a
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
  respondBefore: paperFillsOnTick,
  reaches: tickReachesOrder,
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

export { paperFills, paperFillsOnTick };
