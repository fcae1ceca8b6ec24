import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { isLeft, isRight, type Either } from 'fp-ts/Either';
import { formatInputError, type InputError } from '../inputError';
import { readTicks, type TickFile } from './readTicks';
import type { TickOptions } from './tickLineParser';

const fixture = (name: string): string => join(__dirname, '..', 'fixtures', name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'replay-files-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

const loaded = (r: Either<InputError, TickFile>): TickFile => {
  if (isLeft(r)) throw new Error(`expected ticks, got: ${formatInputError(r.left)}`);
  return r.right;
};

const failure = (r: Either<InputError, TickFile>): string => {
  if (isRight(r)) throw new Error(`expected an error, got ${r.right.ticks.length} ticks`);
  return formatInputError(r.left);
};

describe('readTicks: formats and units', () => {
  it('reads a CSV of trades in epoch ms, with their quantities and equal timestamps in order', async () => {
    const file = loaded(await readTicks(fixture('trades_ms.csv'), { symbol: 'BTC/USDT' }));
    expect(file.format).toBe('csv');
    expect(file.ticks).toEqual([
      { type: 'Tick', symbol: 'BTC/USDT', ts: 1700000000000, price: 100.5, quantity: 0.4 },
      { type: 'Tick', symbol: 'BTC/USDT', ts: 1700000000250, price: 101, quantity: 0 },
      { type: 'Tick', symbol: 'BTC/USDT', ts: 1700000000250, price: 100.75, quantity: 1.25 },
    ]);
    expect(file.quantities).toEqual([0.4, 0, 1.25]);
    expect(file.symbols).toEqual(['BTC/USDT']);
  });

  it('reads Tardis quotes in µs with ask before bid, their sizes, and the symbol from the file', async () => {
    const file = loaded(await readTicks(fixture('quotes_tardis_us.csv')));
    const quote = { type: 'Tick', symbol: 'BTC/USDT' };
    expect(file.ticks).toEqual([
      { ...quote, ts: 1582329601096, bid: 9681.92, ask: 9682, bidSize: 0.67, askSize: 0.84 },
      { ...quote, ts: 1582329603401, bid: 9681.83, ask: 9682.5, bidSize: 0.003, askSize: 0.84 },
    ]);
    expect(file.quantities).toEqual([null, null]);
  });

  it('keeps a trade’s id, for the duplicate-tick rule', async () => {
    const path = write(
      'tardis_trades.csv',
      'exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n' +
        'binance-futures,BTCUSDT,1582329602111000,1582329602418379,42377944,buy,9682,0.132\n',
    );
    const file = loaded(await readTicks(path, { symbol: 'BTC/USDT' }));
    expect(file.ticks).toEqual([
      {
        type: 'Tick',
        symbol: 'BTC/USDT',
        ts: 1582329602111,
        price: 9682,
        quantity: 0.132,
        id: '42377944',
      },
    ]);
  });

  it('flags prints that are not the market: is_best_match false, and Binance’s X other than MARKET', async () => {
    const best = write(
      'best_match.csv',
      'time,price,qty,is_best_match\n1,100,1,true\n2,101,1,False\n3,102,1,\n',
    );
    expect(
      loaded(await readTicks(best, { symbol: 'BTC/USDT' })).ticks.map((t) => t.offMarket),
    ).toEqual([undefined, true, undefined]);
    const types = write(
      'types.jsonl',
      '{"T":1,"p":"1","price":28150,"X":"MARKET"}\n{"T":2,"price":28722.5,"X":"INSURANCE_FUND"}\n',
    );
    expect(
      loaded(await readTicks(types, { symbol: 'BTC/USDT' })).ticks.map((t) => t.offMarket),
    ).toEqual([undefined, true]);
    const bad = write('bad_flag.csv', 'time,price,is_best_match\n1,100,maybe\n');
    expect(failure(await readTicks(bad, { symbol: 'BTC/USDT' }))).toMatch(
      /:2: is_best_match: must be true or false, got "maybe"$/,
    );
  });

  it('lets --symbol win over the file’s symbol column', async () => {
    const file = loaded(
      await readTicks(fixture('quotes_tardis_us.csv'), { symbol: 'BTC/USDT:USDT' }),
    );
    expect(file.symbols).toEqual(['BTC/USDT:USDT']);
  });

  it('reads a headerless CSV in epoch seconds with --columns, zero amounts included', async () => {
    const file = loaded(
      await readTicks(fixture('bitstamp_s_headerless.csv'), {
        symbol: 'BTC/USD',
        columns: ['ts', 'price', 'amount'],
      }),
    );
    expect(file.ticks.map((t) => [t.ts, t.price])).toEqual([
      [1315922016000, 5.8],
      [1315922024000, 5.83],
      [1315922024000, 5.9],
    ]);
    expect(file.quantities).toEqual([1, 3, 0]);
  });

  it('reads JSON lines in ns, as text or numbers, with Binance’s T as the time and t, e ignored', async () => {
    const file = loaded(await readTicks(fixture('trades_ns.jsonl')));
    expect(file.format).toBe('jsonl');
    expect(file.ticks).toEqual([
      { type: 'Tick', symbol: 'ETH/USDT', ts: 1723161601550, price: 2682.51, quantity: 0.0046 },
      { type: 'Tick', symbol: 'ETH/USDT', ts: 1723161601663, price: 2682.52, quantity: 0.0074 },
    ]);
    expect(file.quantities).toEqual([0.0046, 0.0074]);
  });

  it('reads ISO 8601 times with CRLF line ends, bid_price/ask_price names and an empty size', async () => {
    const file = loaded(await readTicks(fixture('quotes_iso_crlf.csv'), { symbol: 'ETH/USDT' }));
    expect(file.ticks.map((t) => [new Date(t.ts).toISOString(), t.bid, t.ask])).toEqual([
      ['2024-08-09T00:00:00.117Z', 2682.5, 2682.51],
      ['2024-08-09T00:00:00.500Z', 2682.4, 2682.6],
      ['2024-08-09T00:00:01.000Z', 2682.3, 2682.7],
    ]);
    expect(file.quantities).toEqual([null, 2, 3]);
  });

  it('lets --columns rename the columns of a file that has a header', async () => {
    const file = loaded(
      await readTicks(fixture('trades_ms.csv'), {
        symbol: 'BTC/USDT',
        columns: ['ts', 'bid', 'size', 'side'],
      }),
    );
    expect(file.ticks[0]).toEqual({
      type: 'Tick',
      symbol: 'BTC/USDT',
      ts: 1700000000000,
      bid: 100.5,
    });
  });

  it.each(['trades_ms.csv', 'quotes_tardis_us.csv', 'trades_ns.jsonl'])(
    'reads %s gzipped the same as plain',
    async (name) => {
      const options: TickOptions = { symbol: 'BTC/USDT' };
      const plain = loaded(await readTicks(fixture(name), options));
      const gz = write(`${name}.gz`, gzipSync(readFileSync(fixture(name))));
      const zipped = loaded(await readTicks(gz, options));
      expect(zipped.ticks).toEqual(plain.ticks);
      expect(zipped.quantities).toEqual(plain.quantities);
    },
  );

  it('reads gzip by its magic bytes when the name does not say so', async () => {
    const path = write('renamed.csv', gzipSync(readFileSync(fixture('trades_ms.csv'))));
    expect(loaded(await readTicks(path, { symbol: 'BTC/USDT' })).ticks).toHaveLength(3);
  });

  it('accepts a merged trades-and-quotes file where each row has some of price, bid and ask', async () => {
    const path = write('merged.csv', 'ts,price,bid,ask\n1,,99,101\n2,100,,\n');
    const file = loaded(await readTicks(path, { symbol: 'BTC/USDT' }));
    expect(file.ticks).toEqual([
      { type: 'Tick', symbol: 'BTC/USDT', ts: 1000, bid: 99, ask: 101 },
      { type: 'Tick', symbol: 'BTC/USDT', ts: 2000, price: 100 },
    ]);
  });
});

describe('readTicks: bad input names the file, line, field and rule', () => {
  const bad = async (
    content: string,
    options: TickOptions = { symbol: 'BTC/USDT' },
    name = 'ticks.csv',
  ): Promise<string> =>
    failure(await readTicks(write(name, content), options)).replace(`${dir}/`, '');

  it('names a bad price with its line, even when it is the last row', async () => {
    expect(await bad('ts,price\n1700000000000,100\n1700000000001,101\n1700000000002,abc\n')).toBe(
      'ticks.csv:4: price: must be a finite number > 0, got "abc"',
    );
  });

  it.each([
    [
      'a zero price',
      'ts,price\n1700000000000,0\n',
      'ticks.csv:2: price: must be a finite number > 0, got "0"',
    ],
    [
      'a negative bid',
      'ts,bid,ask\n1700000000000,-1,2\n',
      'ticks.csv:2: bid: must be a finite number > 0, got "-1"',
    ],
    [
      'a bad ask',
      'ts,bid,ask\n1700000000000,1,NaN\n',
      'ticks.csv:2: ask: must be a finite number > 0, got "NaN"',
    ],
    [
      'an unreadable time',
      'time,price\nyesterday,1\n',
      'ticks.csv:2: time: must be epoch seconds, ms, µs or ns, or an ISO 8601 time, got "yesterday"',
    ],
    [
      'a missing time',
      'ts,price\n,1\n',
      'ticks.csv:2: ts: must be epoch seconds, ms, µs or ns, or an ISO 8601 time, got ""',
    ],
    [
      'a row back in time',
      'ts,price\n1700000000500,1\n1700000000000,1\n',
      'ticks.csv:3: ts: goes back in time: 2023-11-14T22:13:20.000Z after 2023-11-14T22:13:20.500Z on line 2; rows must be in time order',
    ],
    [
      'a short row',
      'ts,price,qty\n1700000000000,1\n',
      'ticks.csv:2: expected 3 cells (ts,price,qty), got 2',
    ],
    [
      'a negative quantity',
      'ts,price,qty\n1700000000000,1,-2\n',
      'ticks.csv:2: qty: must be a finite number >= 0, got "-2"',
    ],
    [
      'a row without any price',
      'ts,bid,ask\n1700000000000,,\n',
      'ticks.csv:2: a tick needs a price, a bid or an ask; this row has none',
    ],
    [
      'an unclosed quote',
      'ts,price\n"1700000000000,1\n',
      'ticks.csv:2: a quoted cell is not closed',
    ],
    [
      'no time column',
      'when,price\n1,2\n',
      'ticks.csv:1: no time column: expected one of timestamp, time, ts, transact_time, T, E, datetime, date, local_timestamp; found when, price',
    ],
    [
      'no price column',
      'ts,last\n1,2\n',
      'ticks.csv:1: no price column: expected price, or bid/bid_price and ask/ask_price; found ts, last',
    ],
    ['an empty file', '\n', 'ticks.csv: no ticks: the file is empty'],
    [
      'a header only',
      'ts,price\n',
      'ticks.csv: no ticks: the file has a header row but no data rows',
    ],
    [
      'a headerless file without --columns',
      '1315922016,5.8,1\n',
      'ticks.csv:1: the file has no header row (line 1 is data); pass --columns, e.g. --columns ts,price,quantity',
    ],
  ])('%s', async (_, content, message) => {
    expect(await bad(content)).toBe(message);
  });

  it('asks for --symbol when the file has no symbol column', async () => {
    expect(await bad('ts,price\n1700000000000,1\n', {})).toBe(
      'ticks.csv: the file has no symbol column; pass --symbol, e.g. --symbol BTC/USDT',
    );
  });

  it('refuses a venue symbol in the file and says which --symbol to pass', async () => {
    expect(await bad('symbol,ts,price\nBTCUSDT,1700000000000,1\n', {})).toBe(
      'ticks.csv:2: symbol: must be a ccxt symbol like "BTC/USDT", got "BTCUSDT"; pass --symbol BTC/USDT',
    );
  });

  it('refuses a venue symbol given as --symbol before reading the file', async () => {
    expect(await bad('ts,price\n1700000000000,1\n', { symbol: 'ETHUSDT' })).toBe(
      'ticks.csv: --symbol: must be a ccxt symbol like "BTC/USDT", got "ETHUSDT"; pass --symbol ETH/USDT',
    );
  });

  it('names --columns when they give no time column', async () => {
    expect(await bad('1,2,3\n', { symbol: 'BTC/USDT', columns: ['a', 'price', 'b'] })).toBe(
      'ticks.csv: --columns: no time column: expected one of timestamp, time, ts, transact_time, T, E, datetime, date, local_timestamp; found a, price, b',
    );
  });

  it('names a line that is not JSON in a JSON-lines file', async () => {
    const message = await bad(
      '{"ts":1700000000000,"price":1}\n{"ts":\n',
      { symbol: 'BTC/USDT' },
      'ticks.jsonl',
    );
    expect(message).toMatch(/^ticks\.jsonl:2: not a JSON object: /);
  });

  it('names a JSON line that is not an object', async () => {
    expect(
      await bad('{"ts":1700000000000,"price":1}\n[1,2]\n', { symbol: 'BTC/USDT' }, 'ticks.jsonl'),
    ).toBe('ticks.jsonl:2: must be a JSON object, got [1,2]');
  });

  it('names a JSON line whose price is not a number', async () => {
    expect(
      await bad('{"ts":1700000000000,"price":true}\n', { symbol: 'BTC/USDT' }, 'ticks.jsonl'),
    ).toBe('ticks.jsonl:1: price: must be a finite number > 0, got true');
  });

  it('says why a file cannot be read, without a stack trace', async () => {
    expect(failure(await readTicks(join(dir, 'missing.csv'), { symbol: 'BTC/USDT' }))).toBe(
      `${dir}/missing.csv: cannot read: no such file`,
    );
    const corrupt = write(
      'corrupt.csv.gz',
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]),
    );
    expect(failure(await readTicks(corrupt, { symbol: 'BTC/USDT' }))).toMatch(
      /corrupt\.csv\.gz: cannot read: /,
    );
  });
});
