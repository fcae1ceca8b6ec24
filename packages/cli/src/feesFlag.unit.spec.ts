import { parseFeesFlag } from './feesFlag';

describe('--fees MAKER_BPS,TAKER_BPS[,RECEIVED|QUOTE] (CLI.md v2)', () => {
  it('reads a schedule, the asset RECEIVED unless named', () => {
    expect(parseFeesFlag('10,10')).toEqual({ makerBps: 10, takerBps: 10, asset: 'RECEIVED' });
    expect(parseFeesFlag('2, 5, quote')).toEqual({ makerBps: 2, takerBps: 5, asset: 'QUOTE' });
    expect(parseFeesFlag('0.1,7.5,RECEIVED')).toEqual({
      makerBps: 0.1,
      takerBps: 7.5,
      asset: 'RECEIVED',
    });
  });

  it('takes 0 for no fees at all', () => {
    expect(parseFeesFlag('0')).toEqual({ makerBps: 0, takerBps: 0, asset: 'QUOTE' });
  });

  it('refuses anything else, naming the flag, the part and the rule', () => {
    expect(() => parseFeesFlag('10')).toThrow(
      '--fees: must be MAKER_BPS,TAKER_BPS[,RECEIVED|QUOTE] or 0, got "10"',
    );
    expect(() => parseFeesFlag('10,x')).toThrow(
      '--fees: TAKER_BPS must be basis points in [0, 1000], got "x"',
    );
    expect(() => parseFeesFlag('-1,10')).toThrow('--fees: MAKER_BPS must be basis points');
    expect(() => parseFeesFlag('10,10,BNB')).toThrow(
      '--fees: the asset must be RECEIVED or QUOTE, got "BNB"',
    );
    expect(() => parseFeesFlag('1,2,QUOTE,4')).toThrow('--fees: must be');
  });
});
