import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { formatInputError } from '../inputError';
import { readTicks } from './readTicks';
import { plainProblem, PRICE_RANGE, priceProblem, quantityProblem } from './tickNumber';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tick-number-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refusal = async (content: string, name = 'ticks.csv'): Promise<string> => {
  const path = join(dir, name);
  writeFileSync(path, content);
  const read = await readTicks(path, { symbol: 'BTC/USDT' });
  if (read._tag === 'Right')
    throw new Error(`expected a refusal, got ${read.right.ticks.length} ticks`);
  return formatInputError(read.left).replace(`${dir}/`, '');
};

describe('numbers of a tick file', () => {
  it('refuses what Number() reads but no recorder writes, with the line and the rule', async () => {
    expect(await refusal('ts,price\n1700000000000,100\n1700000000001,0x10\n')).toBe(
      'ticks.csv:3: price: must be a plain decimal number like 2680.5, got "0x10"',
    );
    expect(await refusal('ts,price,qty\n1700000000000,100,0b1\n')).toBe(
      'ticks.csv:2: qty: must be a plain decimal number like 2680.5, got "0b1"',
    );
  });

  it('refuses a price whose digits the core would round away, or one no market quotes', async () => {
    expect(await refusal('ts,price\n1700000000000,1e-300\n')).toBe(
      'ticks.csv:2: price: must be a price between 0.00000001 and 1000000000000, got "1e-300"',
    );
    expect(await refusal('{"ts":1700000000000,"bid":1e13,"ask":1e13}\n', 'ticks.jsonl')).toBe(
      'ticks.jsonl:1: bid: must be a price between 0.00000001 and 1000000000000, got 10000000000000',
    );
    expect(await refusal('ts,price,size\n1700000000000,100,1e-20\n')).toBe(
      'ticks.csv:2: size: must be 0 or a quantity between 0.000000000001 and 1000000000000000, got "1e-20"',
    );
  });

  it('refuses a column named twice instead of reading the first', async () => {
    expect(await refusal('ts,price,quantity,Price\n1700000000000,100,1,101\n')).toBe(
      'ticks.csv:1: column "Price" appears twice (columns 2 and 4); each column may appear once',
    );
  });

  it('reads plain decimals, with or without an exponent, within the ranges', async () => {
    const path = join(dir, 'fine.csv');
    writeFileSync(path, 'ts,price,qty\n1700000000000,2680.5,0.00012\n1700000000001,1.5e-5,2E3\n');
    const read = await readTicks(path, { symbol: 'BTC/USDT' });
    expect(read._tag === 'Right' && read.right.ticks.map((t) => t.price)).toEqual([
      2680.5, 0.000015,
    ]);
  });

  it('property: every decimal a recorder writes within the range is a price', () => {
    fc.assert(
      fc.property(
        fc.double({ min: PRICE_RANGE.min, max: PRICE_RANGE.max, noNaN: true }),
        (n) => plainProblem(String(n)) === null && priceProblem(Number(String(n))) === null,
      ),
    );
  });

  it('property: hexadecimal, binary, octal and non-finite texts are never plain', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat().map((n) => `0x${n.toString(16)}`),
          fc.nat().map((n) => `0b${n.toString(2)}`),
          fc.nat().map((n) => `0o${n.toString(8)}`),
          fc.constantFrom('Infinity', '-Infinity', 'NaN', '1_000', '', ' '),
        ),
        (text) => plainProblem(text) !== null,
      ),
    );
    expect(quantityProblem(0)).toBeNull();
  });
});
