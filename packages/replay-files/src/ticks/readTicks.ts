import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { Tick } from '@smart-orders/core';
import type { InputError } from '../inputError';
import { readFailure } from '../readFailure';
import { checkTickOptions } from './checkTickOptions';
import { isGzip } from './isGzip';
import { tickLineParser, type TickFormat, type TickOptions } from './tickLineParser';

export interface TickFile {
  readonly file: string;
  readonly format: TickFormat;
  readonly ticks: readonly Tick[];
  /** The traded quantity of each tick (same index); null where the file has none, as in quotes. */
  readonly quantities: readonly (number | null)[];
  /** The distinct symbols, in order of first appearance. */
  readonly symbols: readonly string[];
}

const gunzipAsync = promisify(gunzip);

/**
 * Reads and checks a whole tick file before returning any of it, so that a replay never starts
 * on a file with a bad row further down.
 */
export const readTicks = async (
  file: string,
  options: TickOptions = {},
): Promise<Either<InputError, TickFile>> => {
  const bad = checkTickOptions(file, options);
  if (bad !== null) return left(bad);
  let text: string;
  try {
    const bytes = await readFile(file);
    text = (isGzip(file, bytes) ? await gunzipAsync(bytes) : bytes).toString('utf8');
  } catch (e) {
    return left(readFailure(file, e));
  }
  const parser = tickLineParser(file, options);
  const ticks: Tick[] = [];
  const quantities: (number | null)[] = [];
  const symbols = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const parsed = parser.line(line.endsWith('\r') ? line.slice(0, -1) : line, i + 1);
    if (isLeft(parsed)) return parsed;
    if (parsed.right !== null) {
      ticks.push(parsed.right.tick);
      quantities.push(parsed.right.quantity);
      symbols.add(parsed.right.tick.symbol);
    }
  }
  const format = parser.end();
  if (isLeft(format)) return format;
  return right({ file, format: format.right, ticks, quantities, symbols: [...symbols] });
};
