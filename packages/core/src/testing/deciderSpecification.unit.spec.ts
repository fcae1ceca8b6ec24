import { left, right } from 'fp-ts/Either';
import type { Decider } from '../decider';
import { deciderSpecification } from './deciderSpecification';
import { lineDiff } from './lineDiff';

// A counter: `add n` is refused past 10; the outside world answers every `Added 5` with `add 1`.
type Cmd = { type: 'add'; n: number };
type Evt = { type: 'Added'; n: number };
type Err = { code: 'TOO_MUCH'; message: string };

const counter: Decider<Cmd, number, Evt, Err> = {
  initialState: 0,
  evolve: (s, e) => s + e.n,
  decide: (c, s) =>
    s + c.n > 10
      ? left({ code: 'TOO_MUCH', message: `${s} + ${c.n} is over 10` })
      : right([{ type: 'Added', n: c.n }]),
};
const add = (n: number): Cmd => ({ type: 'add', n });
const added = (n: number): Evt => ({ type: 'Added', n });

describe('deciderSpecification', () => {
  const { given, history } = deciderSpecification(counter);

  it('folds the given events, decides the commands in turn, and returns the state', () => {
    expect(
      given([added(2)])
        .when(add(3), add(4))
        .then([added(3), added(4)]),
    ).toBe(9);
  });

  it('fails with a line diff when the events differ', () => {
    expect(() =>
      given([])
        .when(add(3))
        .then([added(4)]),
    ).toThrow(
      [
        'the decided events differ from the expected ones',
        '- expected',
        '+ decided',
        '',
        '  [',
        '    {',
        '-     "n": 4,',
        '+     "n": 3,',
      ].join('\n'),
    );
  });

  it('fails when a command was rejected but events were expected, naming the command', () => {
    expect(() =>
      given([added(9)])
        .when(add(3))
        .then([]),
    ).toThrow(/rejected a command\nTOO_MUCH: 9 \+ 3 is over 10\nrejected command/);
  });

  it('checks a rejection: its code, and its message by text or pattern', () => {
    expect(
      given([added(9)])
        .when(add(3))
        .thenRejects('TOO_MUCH', 'is over 10'),
    ).toEqual({ code: 'TOO_MUCH', message: '9 + 3 is over 10' });
    given([added(9)])
      .when(add(3))
      .thenRejects('TOO_MUCH', /^9 \+ 3/);
    expect(() => given([]).when(add(3)).thenRejects('TOO_MUCH')).toThrow(
      'expected a rejection TOO_MUCH, but the decider decided',
    );
    expect(() =>
      given([added(9)])
        .when(add(3))
        .thenRejects('OTHER'),
    ).toThrow('expected a rejection OTHER, got TOO_MUCH');
    expect(() =>
      given([added(9)])
        .when(add(3))
        .thenRejects('TOO_MUCH', 'under'),
    ).toThrow('message does not match under');
  });

  it('answers events with the responses of the outside world, after the unit that caused them', () => {
    const answering = deciderSpecification(counter, {
      world: () => ({ respond: (e) => (e.n === 5 ? [add(1)] : []) }),
    });
    answering
      .given([])
      .when(add(5), add(2))
      .then([added(5), added(1), added(2)]);
  });

  it('builds a history from commands, and refuses one that does not apply', () => {
    expect(history(add(1), add(2))).toEqual([added(1), added(2)]);
    expect(() => history(add(11))).toThrow('the history does not apply');
  });

  it('takes the assertion of the test runner when given one', () => {
    const seen: unknown[] = [];
    const spec = deciderSpecification(counter, {
      assertEqual: (actual, expected) => seen.push(actual, expected),
    });
    spec
      .given([])
      .when(add(1))
      .then([added(2)]);
    expect(seen).toEqual([[added(1)], [added(2)]]);
  });
});

describe('lineDiff', () => {
  it('marks lines only in the expected text with - and lines only in the actual one with +', () => {
    expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toBe(['  a', '- b', '+ x', '  c', '+ d'].join('\n'));
    expect(lineDiff('same', 'same')).toBe('  same');
  });
});
