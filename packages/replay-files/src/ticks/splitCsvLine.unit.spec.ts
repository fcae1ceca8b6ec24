import { splitCsvLine } from './splitCsvLine';

describe('splitCsvLine', () => {
  it('splits plain cells, keeping empty ones', () => {
    expect(splitCsvLine('1,2.5,,buy')).toEqual(['1', '2.5', '', 'buy']);
  });

  it('reads quoted cells with commas and doubled quotes', () => {
    expect(splitCsvLine('"a,b","say ""hi""",3')).toEqual(['a,b', 'say "hi"', '3']);
  });

  it('refuses a quote left open', () => {
    expect(splitCsvLine('"a,b')).toBeNull();
  });
});
