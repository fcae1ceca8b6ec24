import { formatInputError, type InputError } from '@smart-orders/replay-files';

/**
 * How a command ends badly (CLI.md "Errors"): bad input is one line on stderr naming the
 * file, line or field and the rule, exit status 2, nothing written; anything else is ours,
 * exit status 1.
 */
export class BadInput extends Error {
  constructor(readonly detail: InputError | string) {
    super(typeof detail === 'string' ? detail : formatInputError(detail));
  }
}

export const badInput = (detail: InputError | string): never => {
  throw new BadInput(detail);
};

export const exitCodeOf = (error: unknown): 1 | 2 => (error instanceof BadInput ? 2 : 1);

export const describeFailure = (error: unknown): string =>
  error instanceof BadInput
    ? `smart-orders: ${error.message}`
    : `smart-orders: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
