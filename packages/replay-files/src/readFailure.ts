import { inputError, type InputError } from './inputError';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory, not a file',
  Z_DATA_ERROR: 'not valid gzip data',
  Z_BUF_ERROR: 'the gzip data is cut short',
};

/** A file that cannot be read, as an input error saying why in words, not a stack trace. */
export const readFailure = (file: string, e: unknown): InputError => {
  const code = (e as { code?: unknown }).code;
  const reason = typeof code === 'string' ? REASONS[code] : undefined;
  return inputError(file, `cannot read: ${reason ?? (e instanceof Error ? e.message : String(e))}`);
};
