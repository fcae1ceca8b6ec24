import type { World } from './deciderSpecification';

/**
 * A command as it meets the world, for harnesses that keep their own log, in units as the
 * engine decides them (as `deciderSpecification` does): the world's answers to its arrival,
 * then the command if the world lets it reach the decider; the world's answers to every event
 * of a unit are the next unit, until it has nothing more to say. `decide` decides and folds a
 * command and returns the events it recorded (none when refused).
 */
export const inWorld =
  <C, S, E>(
    world: World<C, S, E>,
    state: () => S,
    decide: (command: C) => readonly E[],
  ): ((command: C) => void) =>
  (command) => {
    let unit: E[] = [];
    for (const answer of world.before?.(command, state()) ?? []) unit.push(...decide(answer));
    const admitted = world.admit === undefined ? command : world.admit(command, state());
    if (admitted !== null) unit.push(...decide(admitted));
    while (unit.length > 0) {
      const answers = unit.flatMap((e) => world.respond?.(e, state()) ?? []);
      unit = answers.flatMap((answer) => [...decide(answer)]);
    }
  };
