import * as t from 'io-ts';
import { Timestamp } from '@smart-orders/core';

/** A field outside the plan's grammar, reported as `closed` reports unknown fields. */
export const refusedFields = (
  input: Record<string, unknown>,
  c: t.Context,
  refused: Readonly<Record<string, string>>,
): t.ValidationError[] =>
  Object.keys(refused)
    .filter((key) => key in input)
    .map((key) => ({
      value: input[key],
      context: t.appendContext(c, key, t.unknown, input[key]),
      message: refused[key],
    }));

/**
 * Checks `at` (an optional one may also be null); the value to use as the command's `ts`
 * whatever happens, so that a bad `at` is reported once, not again as a bad `ts`.
 */
export const checkedAt = (
  input: Record<string, unknown>,
  c: t.Context,
  required: boolean,
): { ts: number; errors: t.ValidationError[] } => {
  const at = input.at;
  if ((at === undefined || at === null) && !required) return { ts: 0, errors: [] };
  const checked = Timestamp.validate(at, t.appendContext(c, 'at', Timestamp, at));
  if (checked._tag === 'Right') return { ts: checked.right, errors: [] };
  const errors =
    at === undefined
      ? [{ value: at, context: t.appendContext(c, 'at', Timestamp, at), message: 'is required' }]
      : checked.left;
  return { ts: 0, errors };
};
