import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isLeft, isRight, type Either } from 'fp-ts/Either';
import { formatInputError, type InputError } from '../inputError';
import { readTicks } from './readTicks';
import { streamTicks } from './streamTicks';
import type { ParsedTick, TickOptions } from './tickLineParser';

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'replay-files-stream-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const collect = async (
  file: string,
  options: TickOptions,
): Promise<Either<InputError, ParsedTick>[]> => {
  const out: Either<InputError, ParsedTick>[] = [];
  for await (const item of streamTicks(file, options)) out.push(item);
  return out;
};

describe('streamTicks', () => {
  it.each([
    ['trades_ms.csv', { symbol: 'BTC/USDT' }],
    ['quotes_tardis_us.csv', {}],
    ['bitstamp_s_headerless.csv', { symbol: 'BTC/USD', columns: ['ts', 'price', 'amount'] }],
    ['trades_ns.jsonl', {}],
    ['quotes_iso_crlf.csv', { symbol: 'ETH/USDT' }],
  ] as [string, TickOptions][])(
    'yields the same ticks as readTicks for %s',
    async (name, options) => {
      const whole = await readTicks(fixture(name), options);
      if (isLeft(whole)) throw new Error(formatInputError(whole.left));
      const streamed = await collect(fixture(name), options);
      expect(streamed.every(isRight)).toBe(true);
      expect(streamed.map((r) => (isRight(r) ? r.right.tick : null))).toEqual(whole.right.ticks);
      expect(streamed.map((r) => (isRight(r) ? r.right.quantity : null))).toEqual(
        whole.right.quantities,
      );
    },
  );

  it('reads gzip', async () => {
    const path = join(dir, 'trades.csv.gz');
    writeFileSync(path, gzipSync(readFileSync(fixture('trades_ms.csv'))));
    expect(
      (await collect(path, { symbol: 'BTC/USDT' })).map((r) => isRight(r) && r.right.line),
    ).toEqual([2, 3, 4]);
  });

  it('yields the good rows, then the bad one as an error, and stops', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'ts,price\n1700000000000,1\n1700000000001,-1\n1700000000002,3\n');
    const items = await collect(path, { symbol: 'BTC/USDT' });
    expect(items).toHaveLength(2);
    const last = items[1];
    expect(last !== undefined && isLeft(last) && formatInputError(last.left)).toBe(
      `${path}:3: price: must be a finite number > 0, got "-1"`,
    );
  });

  it('yields one error for a missing file', async () => {
    const items = await collect(join(dir, 'missing.csv'), { symbol: 'BTC/USDT' });
    expect(items.map((r) => isLeft(r) && r.left.message)).toEqual(['cannot read: no such file']);
  });

  it('yields one error for corrupt gzip', async () => {
    const path = join(dir, 'corrupt.csv.gz');
    const rows = Array.from(
      { length: 500 },
      (_, i) => `${1700000000000 + i},${100 + (i % 7)}\n`,
    ).join('');
    writeFileSync(path, gzipSync(Buffer.from(`ts,price\n${rows}`)).subarray(0, 200));
    const items = await collect(path, { symbol: 'BTC/USDT' });
    const last = items[items.length - 1];
    expect(last !== undefined && isLeft(last) && last.left.message).toMatch(/^cannot read: /);
  });
});
