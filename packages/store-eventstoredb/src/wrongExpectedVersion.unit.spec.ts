import { NO_STREAM, StreamNotFoundError, WrongExpectedVersionError } from '@eventstore/db-client';
import { conflict } from '@smart-orders/engine';
import {
  conflictOfWrongExpectedVersion,
  isWrongExpectedVersion,
  withAppendedStreams,
} from './wrongExpectedVersion';

const refusal = (current: bigint | typeof NO_STREAM, expected: bigint | typeof NO_STREAM = 3n) =>
  new WrongExpectedVersionError(undefined, {
    streamName: 'run-1-smart-order-o-1',
    expected,
    current,
  });

describe("the server's WrongExpectedVersionError as the port's conflict", () => {
  it('recognises it by its type, not any error', () => {
    expect(isWrongExpectedVersion(refusal(5n))).toBe(true);
    expect(isWrongExpectedVersion(new StreamNotFoundError(undefined, 'x'))).toBe(false);
    expect(isWrongExpectedVersion(new Error('wrong-expected-version'))).toBe(false);
  });

  it('names the port stream and the 1-based actual version', () => {
    expect(conflictOfWrongExpectedVersion('smart-order-o-1', 4, refusal(5n))).toEqual(
      conflict('smart-order-o-1', 4, 6),
    );
  });

  it('reads a missing stream (no_stream) as version 0 instead of crashing', () => {
    expect(conflictOfWrongExpectedVersion('smart-order-o-1', 4, refusal(NO_STREAM))).toEqual(
      conflict('smart-order-o-1', 4, 0),
    );
  });

  it('names the streams of the batch already appended, and only then adds them', () => {
    const refused = conflict('smart-order-o-2', 1, 2);
    expect(withAppendedStreams(refused, [])).toEqual(refused);
    expect(withAppendedStreams(refused, ['smart-order-o-1', 'account-default'])).toEqual({
      ...refused,
      appendedStreams: ['smart-order-o-1', 'account-default'],
      message: expect.stringContaining(
        'smart-order-o-1, account-default of the same batch were already appended',
      ),
    });
  });
});
