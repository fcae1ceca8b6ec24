import { START } from '@eventstore/db-client';
import { esdbPosition, isAfter, portPosition, startAfter } from './positions';

describe('$all positions as numbers', () => {
  it('is the commit position, and back', () => {
    expect(portPosition({ commit: 4_242n, prepare: 4_242n })).toBe(4_242);
    expect(esdbPosition(4_242)).toEqual({ commit: 4_242n, prepare: 4_242n });
    const largest = BigInt(Number.MAX_SAFE_INTEGER);
    expect(portPosition({ commit: largest, prepare: largest })).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses a position a number cannot name exactly', () => {
    const tooLarge = BigInt(Number.MAX_SAFE_INTEGER) + 1n;
    expect(() => portPosition({ commit: tooLarge, prepare: tooLarge })).toThrow(
      expect.objectContaining({
        code: 'POSITION_NOT_REPRESENTABLE',
        message: expect.stringContaining('2^53'),
      }),
    );
    expect(() => portPosition({ commit: 900n, prepare: 700n })).toThrow(
      expect.objectContaining({
        code: 'POSITION_NOT_REPRESENTABLE',
        message: expect.stringContaining('explicit transaction'),
      }),
    );
  });

  it('starts after 0 at the start of $all, and after n at n', () => {
    expect(startAfter(0)).toBe(START);
    expect(startAfter(-3)).toBe(START);
    expect(startAfter(1_000.7)).toEqual({ commit: 1_000n, prepare: 1_000n });
  });

  it('orders by commit, then prepare', () => {
    expect(isAfter({ commit: 2n, prepare: 1n }, { commit: 1n, prepare: 9n })).toBe(true);
    expect(isAfter({ commit: 2n, prepare: 3n }, { commit: 2n, prepare: 2n })).toBe(true);
    expect(isAfter({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(false);
    expect(isAfter({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 1n })).toBe(false);
  });
});
