import fc from 'fast-check';
import {
  clientOrderId,
  last8Base36,
  orderKey,
  orderKeyOf,
  parseClientOrderId,
  PURPOSE,
} from './clientOrderId';

describe('client order ids (SEMANTICS §6)', () => {
  it('are the same for the same order, purpose, level and attempt, and differ otherwise', () => {
    expect(clientOrderId('o-1', PURPOSE.takeProfit, 2, 1)).toBe(
      clientOrderId('o-1', PURPOSE.takeProfit, 2, 1),
    );
    const ids = new Set([
      clientOrderId('o-1', PURPOSE.takeProfit, 2, 1),
      clientOrderId('o-1', PURPOSE.takeProfit, 2, 2),
      clientOrderId('o-1', PURPOSE.takeProfit, 3, 1),
      clientOrderId('o-1', PURPOSE.stopLoss, 0, 1),
      clientOrderId('o-2', PURPOSE.takeProfit, 2, 1),
    ]);
    expect(ids.size).toBe(5);
  });

  it('fit the supported venues: lowercase alphanumeric, at most 28 characters', () => {
    const longest = clientOrderId('x'.repeat(64), PURPOSE.takeProfit, 20, 999_999);
    expect(longest).toMatch(/^[0-9a-z]{1,28}$/);
  });

  it('read back to their purpose, level and attempt for their own order only', () => {
    const cid = clientOrderId('o-1', PURPOSE.flatten, 0, 3);
    expect(parseClientOrderId('o-1', cid)).toEqual({ purpose: 'f', level: 0, attempt: 3 });
    expect(parseClientOrderId('o-2', cid)).toBeNull();
    expect(parseClientOrderId('o-1', 'anything')).toBeNull();
  });

  it('carry the key of their order, so that a report finds its stream', () => {
    expect(orderKeyOf(clientOrderId('o-1', PURPOSE.entry, 0, 1))).toBe(orderKey('o-1'));
    expect(orderKeyOf('not-ours')).toBeNull();
  });

  it('never change: ids written in logs are made again the same after an upgrade', () => {
    expect(clientOrderId('bench-300', PURPOSE.entry, 0, 1)).toBe('soe0r1bjy7hhnk2t5db25u');
    expect(clientOrderId('o-1', PURPOSE.takeProfit, 2, 1).slice(-16)).toBe(orderKey('o-1'));
  });

  it('property: the hash digits are the last 8 of the number in base 36, zero-padded', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (h) => {
        expect(last8Base36(h)).toBe(h.toString(36).padStart(11, '0').slice(-8));
      }),
      { numRuns: 10_000 },
    );
    for (const h of [0, 35, 36 ** 8 - 1, 36 ** 8, 2 ** 53 - 1])
      expect(last8Base36(h)).toBe(h.toString(36).padStart(11, '0').slice(-8));
  });
});
