import { createLogger } from './logger';
import { failuresTo, warningsTo } from './warnings';

const recordsInto = (records: Record<string, unknown>[]) =>
  createLogger({
    destination: {
      write: (line: string) => records.push(JSON.parse(line) as Record<string, unknown>),
    },
  });

describe('the engine’s warnings and failures', () => {
  it('a warning is a record at warn level naming the venue beside its own fields', () => {
    const records: Record<string, unknown>[] = [];
    warningsTo(recordsInto(records), 'paper')('cancel failed', { clientOrderId: 'so-1' });
    expect(records).toMatchObject([
      { level: 'warn', msg: 'cancel failed', venue: 'paper', clientOrderId: 'so-1' },
    ]);
  });

  it('a field of the warning’s own names the venue it concerns when it says one', () => {
    const records: Record<string, unknown>[] = [];
    warningsTo(recordsInto(records), 'paper')('lookup failed', { venue: 'binance' });
    expect(records[0]).toMatchObject({ venue: 'binance' });
  });

  it('a failure goes to the embedder’s onFailure as an Error, and is not logged', () => {
    const records: Record<string, unknown>[] = [];
    const failures: Error[] = [];
    const fail = failuresTo((e) => failures.push(e), warningsTo(recordsInto(records), 'paper'));
    fail(new Error('disk full'));
    fail('not an error');
    expect(failures.map((e) => e.message)).toEqual(['disk full', 'not an error']);
    expect(failures.every((e) => e instanceof Error)).toBe(true);
    expect(records).toEqual([]);
  });

  it('without onFailure, a failure is a warning naming its error class', () => {
    const records: Record<string, unknown>[] = [];
    const fail = failuresTo(undefined, warningsTo(recordsInto(records), 'paper'));
    fail(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    expect(records).toMatchObject([
      { level: 'warn', msg: 'account: database is locked', errorClass: 'SQLITE_BUSY' },
    ]);
  });
});
