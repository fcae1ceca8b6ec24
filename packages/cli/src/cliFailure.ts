import { isLeaseLost } from '@smart-orders/engine';
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

/** What went wrong, in one line: a refused connection has no message, only a code and an address. */
export const oneLine = (error: unknown): string => {
  const e = error as {
    message?: string;
    code?: string;
    address?: string;
    port?: number;
    errors?: unknown[];
  };
  if (Array.isArray(e.errors) && e.errors.length > 0 && !e.message) return oneLine(e.errors[0]);
  const where =
    e.address === undefined ? '' : ` ${e.address}${e.port === undefined ? '' : `:${e.port}`}`;
  const text = e.message ? e.message : `${e.code ?? String(error)}${where}`;
  const code =
    e.code !== undefined && e.message && !e.message.includes(e.code) ? ` (${e.code})` : '';
  return `${text.split('\n')[0] as string}${code}`;
};

/**
 * A store that cannot be opened or read (a server down, a missing directory, a locked, read-only
 * or corrupt file, a row of bad JSON): not a bug of ours, so no stack, but the store named and
 * what failed, exit status 1.
 */
export class StoreFailure extends Error {
  constructor(
    readonly store: string,
    cause: unknown,
  ) {
    super(`store ${store}: ${oneLine(cause)}`);
  }
}

// better-sqlite3's errors, wherever they surface (a file locked by another writer mid-run),
// and a database server's connection lost mid-run.
export const isSqliteError = (error: unknown): boolean =>
  error instanceof Error && error.name === 'SqliteError';

export const isStoreError = (error: unknown): boolean =>
  isSqliteError(error) ||
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND)$/.test(
    String((error as { code?: unknown } | null)?.code),
  );

export const exitCodeOf = (error: unknown): 1 | 2 => (error instanceof BadInput ? 2 : 1);

export const describeFailure = (error: unknown): string =>
  // An engine that lost its partition's lease stepped down: an operator's event, not a bug.
  error instanceof BadInput || error instanceof StoreFailure || isLeaseLost(error)
    ? `smart-orders: ${error.message}`
    : isSqliteError(error)
      ? `smart-orders: store (SQLite): ${oneLine(error)}`
      : `smart-orders: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
