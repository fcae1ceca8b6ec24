import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { InputError } from '../inputError';
import { readFailure } from '../readFailure';
import { checkTickOptions } from './checkTickOptions';
import { isGzip } from './isGzip';
import { tickLineParser, type ParsedTick, type TickOptions } from './tickLineParser';

const head = async (file: string): Promise<Uint8Array> => {
  const handle = await open(file, 'r');
  try {
    const bytes = new Uint8Array(2);
    await handle.read(bytes, 0, 2, 0);
    return bytes;
  } finally {
    await handle.close();
  }
};

/**
 * Ticks of a long file one at a time, for `run` and `venue`. Unlike `readTicks`, a bad row is
 * found only when reached: the stream yields it as a Left and ends there.
 */
export async function* streamTicks(
  file: string,
  options: TickOptions = {},
): AsyncGenerator<Either<InputError, ParsedTick>> {
  const bad = checkTickOptions(file, options);
  if (bad !== null) {
    yield left(bad);
    return;
  }
  let input: Readable;
  try {
    const gzip = isGzip(file, await head(file));
    const raw = createReadStream(file);
    input = gzip ? raw.pipe(createGunzip()) : raw;
    raw.on('error', (e) => input.destroy(e));
  } catch (e) {
    yield left(readFailure(file, e));
    return;
  }
  const parser = tickLineParser(file, options);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const line of lines) {
      const parsed = parser.line(line, ++lineNo);
      if (isLeft(parsed)) {
        yield parsed;
        return;
      }
      if (parsed.right !== null) yield right(parsed.right);
    }
  } catch (e) {
    yield left(readFailure(file, e));
    return;
  } finally {
    lines.close();
    input.destroy();
  }
  const end = parser.end();
  if (isLeft(end)) yield end;
}
