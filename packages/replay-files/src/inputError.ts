/**
 * A replay input (tick file, plan) that cannot be used. The CLI prints it on one line and
 * exits with status 2, so it names the file, the line or field, and the rule broken.
 */
export interface InputError {
  readonly code: 'BAD_INPUT';
  readonly file: string;
  /** 1-based line of the file, counting the header row. */
  readonly line?: number;
  readonly field?: string;
  readonly message: string;
}

export const inputError = (
  file: string,
  message: string,
  where: { readonly line?: number; readonly field?: string } = {},
): InputError => ({ code: 'BAD_INPUT', file, ...where, message });

/** `ticks.csv:17: price: must be a finite number > 0, got "abc"` */
export const formatInputError = (e: InputError): string =>
  `${e.file}${e.line === undefined ? '' : `:${e.line}`}: ${e.field === undefined ? '' : `${e.field}: `}${e.message}`;

export const isInputError = (u: unknown): u is InputError =>
  typeof u === 'object' &&
  u !== null &&
  (u as InputError).code === 'BAD_INPUT' &&
  typeof (u as InputError).file === 'string';
