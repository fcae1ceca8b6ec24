import { inputError, type InputError } from '../inputError';
import type { TickOptions } from './tickLineParser';
import { symbolProblem } from './tickSymbol';

/** Options are checked before the file is opened, so a bad `--symbol` is named as such. */
export const checkTickOptions = (file: string, options: TickOptions): InputError | null => {
  if (options.symbol !== undefined) {
    const problem = symbolProblem(options.symbol);
    if (problem !== null) return inputError(file, problem, { field: '--symbol' });
  }
  if (options.columns !== undefined && options.columns.some((name) => name.trim() === '')) {
    return inputError(
      file,
      `every column needs a name, got ${JSON.stringify(options.columns.join(','))}`,
      { field: '--columns' },
    );
  }
  return null;
};
