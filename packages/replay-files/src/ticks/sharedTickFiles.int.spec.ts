import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isLeft } from 'fp-ts/Either';
import { formatInputError } from '../inputError';
import { readTicks, type TickFile } from './readTicks';
import type { TickOptions } from './tickLineParser';

/** The recorded data lives beside the repository, not in it: users' clones do not have it. */
const TICKS = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'data', 'ticks');
const present = existsSync(TICKS);
if (!present) console.warn(`skipping the recorded tick files: ${TICKS} is absent`);
const describeShared = present ? describe : describe.skip;

/** The options docs/replay-files.md gives for each file. */
const FILES: readonly [string, TickOptions, number][] = [
  ['tardis_binance-futures_BTCUSDT_trades_20200222.csv', { symbol: 'BTC/USDT' }, 9999],
  ['tardis_binance-futures_BTCUSDT_quotes_20200222.csv', { symbol: 'BTC/USDT' }, 9999],
  ['binance-usdm_BTCUSDT_trades_20230405.csv', { symbol: 'BTC/USDT' }, 10738],
  ['binance-usdm_BTCUSDT_quotes_20230405.csv', { symbol: 'BTC/USDT' }, 37440],
  ['binance-spot_ETHUSDT_trades_20240809.csv', { symbol: 'ETH/USDT' }, 8409],
  ['binance-spot_ETHUSDT_quotes_20240809.csv', { symbol: 'ETH/USDT' }, 34681],
  [
    'bitcoincharts_bitstamp_BTCUSD_trades_2011-2012.csv',
    { symbol: 'BTC/USD', columns: ['ts', 'price', 'amount'] },
    9999,
  ],
];

const load = async (name: string, options: TickOptions): Promise<TickFile> => {
  const r = await readTicks(join(TICKS, name), options);
  if (isLeft(r)) throw new Error(formatInputError(r.left));
  return r.right;
};

describeShared('the recorded tick files of /work/shared/data/ticks', () => {
  it.each(FILES)('loads %s', async (name, options, rows) => {
    const file = await load(name, options);
    expect(file.ticks).toHaveLength(rows);
    expect(file.quantities).toHaveLength(rows);
    expect(file.symbols).toEqual([options.symbol]);
    expect(file.ticks.every((t, i) => i === 0 || t.ts >= file.ticks[i - 1]!.ts)).toBe(true);
  });

  it('reads the ETH spot quotes as bid/ask only, never crossed', async () => {
    const file = await load('binance-spot_ETHUSDT_quotes_20240809.csv', { symbol: 'ETH/USDT' });
    expect(
      file.ticks.every(
        (t) => t.price === undefined && t.bid !== undefined && t.ask !== undefined && t.bid < t.ask,
      ),
    ).toBe(true);
    expect(file.quantities.every((q) => q === null)).toBe(true);
  });

  it('reads the Tardis quotes in µs with ask before bid', async () => {
    const file = await load('tardis_binance-futures_BTCUSDT_quotes_20200222.csv', {
      symbol: 'BTC/USDT',
    });
    expect(file.ticks[0]).toEqual({
      type: 'Tick',
      symbol: 'BTC/USDT',
      ts: 1582329601096,
      bid: 9681.92,
      ask: 9682,
      bidSize: 0.67,
      askSize: 0.84,
    });
    expect(new Date(file.ticks[file.ticks.length - 1]!.ts).toISOString()).toBe(
      '2020-02-22T00:03:47.061Z',
    );
    expect(
      file.ticks.every((t) => t.bid !== undefined && t.ask !== undefined && t.bid < t.ask),
    ).toBe(true);
  });

  it('reads the sizes and ids the fill model and the duplicate rule need', async () => {
    const tardis = await load('tardis_binance-futures_BTCUSDT_trades_20200222.csv', {
      symbol: 'BTC/USDT',
    });
    expect(tardis.ticks[0]).toMatchObject({ price: 9682, quantity: 0.132, id: '42377944' });
    const usdm = await load('binance-usdm_BTCUSDT_trades_20230405.csv', { symbol: 'BTC/USDT' });
    expect(usdm.ticks.every((t) => t.quantity !== undefined)).toBe(true);
    // The insurance-fund print: a size of 0.001 is all a fill may take from it.
    expect(usdm.ticks.find((t) => t.price === 28722.5)).toMatchObject({ quantity: 0.001 });
  });

  it('refuses the Tardis file’s venue symbol without --symbol, saying what to pass', async () => {
    const r = await readTicks(join(TICKS, 'tardis_binance-futures_BTCUSDT_trades_20200222.csv'));
    expect(isLeft(r) && formatInputError(r.left)).toMatch(
      /:2: symbol: must be a ccxt symbol like "BTC\/USDT", got "BTCUSDT"; pass --symbol BTC\/USDT$/,
    );
  });

  it('keeps the off-market INSURANCE_FUND print of the USDⓈ-M trades', async () => {
    const file = await load('binance-usdm_BTCUSDT_trades_20230405.csv', { symbol: 'BTC/USDT' });
    const print = file.ticks.filter((t) => t.ts === 1680652874400 && t.price === 28722.5);
    expect(print).toHaveLength(1);
    expect(Math.max(...file.ticks.map((t) => t.price ?? 0))).toBe(28722.5);
  });

  it('reads the Bitstamp seconds, its zero-amount row included', async () => {
    const file = await load('bitcoincharts_bitstamp_BTCUSD_trades_2011-2012.csv', {
      symbol: 'BTC/USD',
      columns: ['ts', 'price', 'amount'],
    });
    expect(file.ticks[0]?.ts).toBe(1315922016000);
    const zero = file.ticks.findIndex((t) => t.ts === 1337596081000 && t.price === 5.08);
    expect(zero).toBeGreaterThanOrEqual(0);
    expect(file.quantities[zero]).toBe(0);
  });

  it('asks for --columns for the headerless Bitstamp file', async () => {
    const r = await readTicks(join(TICKS, 'bitcoincharts_bitstamp_BTCUSD_trades_2011-2012.csv'), {
      symbol: 'BTC/USD',
    });
    expect(isLeft(r) && r.left.message).toMatch(/pass --columns/);
  });
});
