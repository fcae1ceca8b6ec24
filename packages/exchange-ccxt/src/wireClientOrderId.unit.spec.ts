import fc from 'fast-check';
import {
  clientOrderId,
  flattenClientOrderId,
  parseClientOrderId,
  PURPOSE,
} from '@smart-orders/core';
import { CCXT_EXCHANGE_IDS } from './exchangeIds';
import { clientOrderIdFromWire, wireClientOrderId } from './wireClientOrderId';

const orderIds = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const purposes = fc.constantFrom(...Object.values(PURPOSE));

const wired = (exchangeId: (typeof CCXT_EXCHANGE_IDS)[number], cid: string): string => {
  const w = wireClientOrderId(exchangeId, cid);
  if (w._tag === 'Left') throw new Error(w.left.message);
  return w.right;
};

describe('the core client order ids on each venue', () => {
  it.each(CCXT_EXCHANGE_IDS)(
    '%s takes every id with up to 99 levels and 9999 attempts, and reads it back',
    (exchangeId) => {
      fc.assert(
        fc.property(
          orderIds,
          purposes,
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 9_999 }),
          (orderId, purpose, level, attempt) => {
            const cid = clientOrderId(orderId, purpose, level, attempt);
            const wire = wired(exchangeId, cid);
            expect(clientOrderIdFromWire(exchangeId, wire)).toBe(cid);
            expect(parseClientOrderId(orderId, clientOrderIdFromWire(exchangeId, wire))).toEqual({
              purpose,
              level,
              attempt,
            });
          },
        ),
        { numRuns: 300 },
      );
    },
  );

  it('packs every core id losslessly into a version-4 UUID for kraken, up to the largest level and attempt', () => {
    fc.assert(
      fc.property(
        orderIds,
        purposes,
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 999_999 }),
        (orderId, purpose, level, attempt) => {
          const cid = clientOrderId(orderId, purpose, level, attempt);
          const wire = wired('kraken', cid);
          expect(wire).toMatch(
            /^c[0-9a-f]{7}-[0-9a-f]{4}-4[0-9a-f]{3}-[89][0-9a-f]{3}-[0-9a-f]{12}$/,
          );
          expect(clientOrderIdFromWire('kraken', wire)).toBe(cid);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps a native stop (purpose n) apart from the stop loss of the same level on kraken', () => {
    fc.assert(
      fc.property(
        orderIds,
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: 0, max: 999_999 }),
        (orderId, level, attempt) => {
          const nativeStop = clientOrderId(orderId, PURPOSE.nativeStop, level, attempt);
          const stopLoss = clientOrderId(orderId, PURPOSE.stopLoss, level, attempt);
          const entry = clientOrderId(orderId, PURPOSE.entry, level, attempt);
          const wire = wired('kraken', nativeStop);
          expect(wire).toMatch(/^c[0-9a-f]{7}-[0-9a-f]{4}-4[0-9a-f]{3}-9[0-9a-f]{3}-[0-9a-f]{12}$/);
          expect(clientOrderIdFromWire('kraken', wire)).toBe(nativeStop);
          expect(wire).not.toBe(wired('kraken', stopLoss));
          expect(wire).not.toBe(wired('kraken', entry));
        },
      ),
      { numRuns: 300 },
    );
    expect(wired('kraken', 'son0r3k3j9x2ab7qfe41mz')).toMatch(/-9[0-9a-f]{3}-/);
  });

  it('maps gate ids to and from their required "t-" prefix', () => {
    const cid = clientOrderId('o-1', 't', 2, 0);
    expect(wired('gate', cid)).toBe(`t-${cid}`);
    expect(clientOrderIdFromWire('gate', `t-${cid}`)).toBe(cid);
  });

  it('finds the one corner of the core format gate cannot take: a 3-digit level with a 6-digit attempt (29 characters)', () => {
    const cid = clientOrderId('o-1', 't', 100, 100_000);
    expect(cid).toHaveLength(29);
    expect(wireClientOrderId('gate', cid)).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('1 to 28') },
    });
    for (const exchangeId of CCXT_EXCHANGE_IDS.filter((id) => id !== 'gate'))
      wired(exchangeId, cid);
  });

  it.each(CCXT_EXCHANGE_IDS)(
    "%s takes the account's flatten exit ids (purpose k) and reads them back",
    (exchangeId) => {
      for (const attempt of [1, 7, 99_999]) {
        const cid = flattenClientOrderId('default', 'BTC/USDT', 3, attempt);
        expect(clientOrderIdFromWire(exchangeId, wired(exchangeId, cid))).toBe(cid);
      }
    },
  );

  it("leaves ids that are not the engine's untouched on the way back", () => {
    expect(clientOrderIdFromWire('kraken', 'd15708c1-dbb6-465d-b77d-47258319cc90')).toBe(
      'd15708c1-dbb6-465d-b77d-47258319cc90',
    );
    expect(clientOrderIdFromWire('gate', 'apiv4')).toBe('apiv4');
  });

  it('says what a venue takes when an id does not fit', () => {
    expect(wireClientOrderId('okx', 'so-with-hyphen')).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('no hyphen') },
    });
    expect(wireClientOrderId('kraken', 'x'.repeat(19))).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('UUID') },
    });
  });
});
