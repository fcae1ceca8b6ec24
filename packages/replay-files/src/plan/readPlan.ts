import { readFile } from 'node:fs/promises';
import { left, type Either } from 'fp-ts/Either';
import { inputError, type InputError } from '../inputError';
import { readFailure } from '../readFailure';
import { decodePlan, type Plan } from './decodePlan';

/** The line of a `JSON.parse` failure, which names only the character position. */
const syntaxError = (file: string, text: string, e: unknown): InputError => {
  const message = e instanceof Error ? e.message : String(e);
  const position = /at position (\d+)/.exec(message);
  const reason = message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/ at position \d+.*$/, '');
  if (position === null) return inputError(file, `not valid JSON: ${reason}`);
  const line = text.slice(0, Number(position[1])).split('\n').length;
  return inputError(file, `not valid JSON: ${reason}`, { line });
};

export const readPlan = async (file: string): Promise<Either<InputError, Plan>> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return left(readFailure(file, e));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return left(syntaxError(file, text, e));
  }
  return decodePlan(json, file);
};
