import { isLeft, left, right, type Either } from 'fp-ts/Either';
import type { Tick } from '@smart-orders/core';
import { inputError, type InputError } from '../inputError';
import { columnRoles, type ColumnRoles } from './columnRoles';
import { epochMsOf } from './epochMs';
import { splitCsvLine } from './splitCsvLine';
import { plainProblem, priceProblem, quantityProblem } from './tickNumber';
import { symbolProblem } from './tickSymbol';

export interface TickOptions {
  /** The ticks' ccxt symbol (`--symbol`); it wins over the file's `symbol` column. */
  readonly symbol?: string;
  /** Column names of a CSV without a header row (`--columns ts,price,quantity`). */
  readonly columns?: readonly string[];
}

/** One row of the file as a core tick, with the traded quantity kept aside for charts. */
export interface ParsedTick {
  readonly tick: Tick;
  readonly quantity: number | null;
  readonly line: number;
}

export type TickFormat = 'csv' | 'jsonl';

export interface TickLineParser {
  /** One physical line (1-based); Right(null) for a line that holds no tick (header, blank). */
  readonly line: (text: string, lineNo: number) => Either<InputError, ParsedTick | null>;
  /** After the last line: whether the file held any tick at all. */
  readonly end: () => Either<InputError, TickFormat>;
}

type Cell = (index: number) => unknown;

const show = (u: unknown): string => {
  const s = typeof u === 'string' ? JSON.stringify(u) : (JSON.stringify(u) ?? String(u));
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};

const absent = (u: unknown): boolean =>
  u === undefined || u === null || (typeof u === 'string' && u.trim() === '');

const numberOf = (u: unknown): number =>
  typeof u === 'number' ? u : typeof u === 'string' ? Number(u.trim()) : Number.NaN;

const isNumericCell = (cell: string): boolean =>
  cell.trim() !== '' && Number.isFinite(Number(cell));

const isoOf = (ms: number): string => new Date(ms).toISOString();

/**
 * Reads a tick file line by line, so that the same rules serve the whole-file reader and the
 * streaming one. The first line tells the format: a JSON object starts JSON lines, anything
 * else is CSV.
 */
export const tickLineParser = (file: string, options: TickOptions = {}): TickLineParser => {
  let format: TickFormat | null = null;
  let roles: ColumnRoles | null = null;
  let rolesKey = '';
  let lastTs = -1;
  let lastLine = 0;
  let ticks = 0;
  let lastSymbol = '';

  const fail = (message: string, line?: number, field?: string): Either<InputError, never> =>
    left(
      inputError(file, message, {
        ...(line === undefined ? {} : { line }),
        ...(field === undefined ? {} : { field }),
      }),
    );

  const withRoles = (
    names: readonly string[],
    lineNo: number | undefined,
    field?: string,
  ): Either<InputError, ColumnRoles> => {
    const r = columnRoles(names);
    return isLeft(r) ? fail(r.left, lineNo, field) : right(r.right);
  };

  const price = (
    r: ColumnRoles,
    cell: Cell,
    index: number | null,
    lineNo: number,
  ): Either<InputError, number | undefined> => {
    if (index === null) return right(undefined);
    const raw = cell(index);
    if (absent(raw)) return right(undefined);
    const n = numberOf(raw);
    if (!Number.isFinite(n) || n <= 0)
      return fail(`must be a finite number > 0, got ${show(raw)}`, lineNo, r.names[index]);
    const problem = plainProblem(raw) ?? priceProblem(n);
    return problem === null
      ? right(n)
      : fail(`${problem}, got ${show(raw)}`, lineNo, r.names[index]);
  };

  const size = (
    r: ColumnRoles,
    cell: Cell,
    index: number | null,
    lineNo: number,
  ): Either<InputError, number | undefined> => {
    if (index === null) return right(undefined);
    const raw = cell(index);
    if (absent(raw)) return right(undefined);
    const n = numberOf(raw);
    return Number.isFinite(n) && n >= 0
      ? right(n)
      : fail(`must be a finite number >= 0, got ${show(raw)}`, lineNo, r.names[index]);
  };

  /** Whether the row's flag says the print is not the market. */
  const offMarketOf = (r: ColumnRoles, cell: Cell, lineNo: number): Either<InputError, boolean> => {
    if (r.marketFlag === null) return right(false);
    const name = (r.names[r.marketFlag] ?? '').trim();
    const raw = cell(r.marketFlag);
    if (absent(raw)) return right(false);
    const text = String(raw).trim().toLowerCase();
    if (name === 'X') return right(text !== 'market');
    if (text === 'true' || text === '1') return right(false);
    if (text === 'false' || text === '0') return right(true);
    return fail(`must be true or false, got ${show(raw)}`, lineNo, name);
  };

  const symbolOf = (r: ColumnRoles, cell: Cell, lineNo: number): Either<InputError, string> => {
    if (options.symbol !== undefined) return right(options.symbol);
    if (r.symbol === null) {
      return fail('the file has no symbol column; pass --symbol, e.g. --symbol BTC/USDT');
    }
    const raw = cell(r.symbol);
    const symbol = typeof raw === 'string' ? raw.trim() : '';
    // The last row's string, not this row's copy: the ticks of a run of rows share one string,
    // so every map keyed by symbol down the line finds it by identity, its hash computed once.
    if (symbol === lastSymbol) return right(lastSymbol);
    const problem = symbolProblem(symbol);
    if (problem !== null) return fail(problem, lineNo, r.names[r.symbol]);
    lastSymbol = symbol;
    return right(symbol);
  };

  const tickOf = (r: ColumnRoles, cell: Cell, lineNo: number): Either<InputError, ParsedTick> => {
    const timeName = r.names[r.time];
    const rawTime = cell(r.time);
    const ts =
      typeof rawTime === 'string' || typeof rawTime === 'number' ? epochMsOf(rawTime) : null;
    if (ts === null) {
      return fail(
        `must be epoch seconds, ms, µs or ns, or an ISO 8601 time, got ${show(rawTime ?? '')}`,
        lineNo,
        timeName,
      );
    }
    if (ts < lastTs) {
      return fail(
        `goes back in time: ${isoOf(ts)} after ${isoOf(lastTs)} on line ${lastLine}; rows must be in time order`,
        lineNo,
        timeName,
      );
    }
    const p = price(r, cell, r.price, lineNo);
    if (isLeft(p)) return p;
    const bid = price(r, cell, r.bid, lineNo);
    if (isLeft(bid)) return bid;
    const ask = price(r, cell, r.ask, lineNo);
    if (isLeft(ask)) return ask;
    if (p.right === undefined && bid.right === undefined && ask.right === undefined) {
      return fail('a tick needs a price, a bid or an ask; this row has none', lineNo);
    }
    let quantity: number | null = null;
    if (r.quantity !== null && !absent(cell(r.quantity))) {
      const raw = cell(r.quantity);
      quantity = numberOf(raw);
      if (!Number.isFinite(quantity) || quantity < 0) {
        return fail(`must be a finite number >= 0, got ${show(raw)}`, lineNo, r.names[r.quantity]);
      }
      const problem = plainProblem(raw) ?? quantityProblem(quantity);
      if (problem !== null)
        return fail(`${problem}, got ${show(raw)}`, lineNo, r.names[r.quantity]);
    }
    const bidSize = size(r, cell, r.bidSize, lineNo);
    if (isLeft(bidSize)) return bidSize;
    const askSize = size(r, cell, r.askSize, lineNo);
    if (isLeft(askSize)) return askSize;
    const offMarket = offMarketOf(r, cell, lineNo);
    if (isLeft(offMarket)) return offMarket;
    const symbol = symbolOf(r, cell, lineNo);
    if (isLeft(symbol)) return symbol;
    lastTs = ts;
    lastLine = lineNo;
    ticks++;
    const tick: { -readonly [K in keyof Tick]: Tick[K] } = {
      type: 'Tick',
      symbol: symbol.right,
      ts,
    };
    if (p.right !== undefined) tick.price = p.right;
    if (bid.right !== undefined) tick.bid = bid.right;
    if (ask.right !== undefined) tick.ask = ask.right;
    // What the market printed (SEMANTICS §9.4): the fill model takes at most this.
    if (quantity !== null && p.right !== undefined) tick.quantity = quantity;
    if (bidSize.right !== undefined && bid.right !== undefined) tick.bidSize = bidSize.right;
    if (askSize.right !== undefined && ask.right !== undefined) tick.askSize = askSize.right;
    const id = r.id === null ? undefined : cell(r.id);
    if (!absent(id) && (typeof id === 'string' || typeof id === 'number'))
      tick.id = String(id).trim();
    if (offMarket.right) tick.offMarket = true;
    return right({ tick, quantity, line: lineNo });
  };

  const csvLine = (text: string, lineNo: number): Either<InputError, ParsedTick | null> => {
    const cells = splitCsvLine(text);
    if (cells === null) return fail('a quoted cell is not closed', lineNo);
    if (roles === null) {
      const headerless = cells.some(isNumericCell);
      if (options.columns !== undefined) {
        const r = withRoles(options.columns, undefined, '--columns');
        if (isLeft(r)) return r;
        roles = r.right;
        // A header row is replaced by `--columns`, so a file's odd names can be renamed.
        if (!headerless) return right(null);
      } else if (headerless) {
        return fail(
          `the file has no header row (line ${lineNo} is data); pass --columns, e.g. --columns ts,price,quantity`,
          lineNo,
        );
      } else {
        const r = withRoles(cells, lineNo);
        if (isLeft(r)) return r;
        roles = r.right;
        return right(null);
      }
    }
    const r = roles;
    if (cells.length !== r.names.length) {
      return fail(
        `expected ${r.names.length} cells (${r.names.join(',')}), got ${cells.length}`,
        lineNo,
      );
    }
    return tickOf(r, (i) => cells[i], lineNo);
  };

  const jsonLine = (text: string, lineNo: number): Either<InputError, ParsedTick | null> => {
    let row: unknown;
    try {
      row = JSON.parse(text);
    } catch (e) {
      return fail(`not a JSON object: ${(e as Error).message}`, lineNo);
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      return fail(`must be a JSON object, got ${show(row)}`, lineNo);
    }
    const keys = Object.keys(row);
    const key = keys.join('\u0000');
    if (roles === null || key !== rolesKey) {
      const r = withRoles(keys, lineNo);
      if (isLeft(r)) return r;
      roles = r.right;
      rolesKey = key;
    }
    const values = row as Record<string, unknown>;
    return tickOf(roles, (i) => values[keys[i] ?? ''], lineNo);
  };

  return {
    line: (raw, lineNo) => {
      const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') return right(null);
      if (format === null) format = text.trimStart().startsWith('{') ? 'jsonl' : 'csv';
      return format === 'jsonl' ? jsonLine(text, lineNo) : csvLine(text, lineNo);
    },
    end: () => {
      if (ticks > 0 && format !== null) return right(format);
      return fail(
        roles === null
          ? 'no ticks: the file is empty'
          : 'no ticks: the file has a header row but no data rows',
      );
    },
  };
};
