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

// Each venue's limit on the parameter as sent, prefixes included (ccxt enforces gate's).
const WIRE_LIMITS: Record<(typeof CCXT_EXCHANGE_IDS)[number], RegExp> = {
  binance: /^[.A-Z:/a-z0-9_-]{1,36}$/,
  bybit: /^[A-Za-z0-9_-]{1,36}$/,
  okx: /^[A-Za-z0-9]{1,32}$/,
  gate: /^t-[A-Za-z0-9_.-]{1,26}$/,
  bitget: /^[A-Za-z0-9_-]{1,50}$/,
  kucoin: /^[A-Za-z0-9_-]{1,40}$/,
  kraken: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
  coinbase: /^[\x21-\x7e]{1,128}$/,
};

describe('the core client order ids on each venue', () => {
  it.each(CCXT_EXCHANGE_IDS)(
    "%s: every id the core makes (any level up to 20, any attempt up to 99999, flatten exits), as sent, fits the venue's limit with its prefix",
    (exchangeId) => {
      fc.assert(
        fc.property(
          orderIds,
          purposes,
          fc.integer({ min: 0, max: 20 }),
          fc.integer({ min: 0, max: 99_999 }),
          (orderId, purpose, level, attempt) => {
            for (const cid of [
              clientOrderId(orderId, purpose, level, attempt),
              flattenClientOrderId(orderId, 'BTC/USDT', level, attempt),
            ]) {
              const wire = wired(exchangeId, cid);
              expect(wire).toMatch(WIRE_LIMITS[exchangeId]);
              expect(clientOrderIdFromWire(exchangeId, wire)).toBe(cid);
            }
          },
        ),
        { numRuns: 300 },
      );
    },
  );

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

  it('maps gate ids to and from its required "t-" prefix, which takes the place of "so" so that the wire fits 28 characters', () => {
    const cid = clientOrderId('o-1', 't', 2, 0);
    expect(wired('gate', cid)).toBe(`t-${cid.slice(2)}`);
    expect(clientOrderIdFromWire('gate', `t-${cid.slice(2)}`)).toBe(cid);
    expect(wired('gate', 'abc')).toBe('t-abc');
    expect(clientOrderIdFromWire('gate', 't-abc')).toBe('abc');
  });

  it('refuses, on gate, an id that is not the engine\'s and would pass 28 characters with "t-"', () => {
    expect(wireClientOrderId('gate', 'x'.repeat(27))).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('28 in all') },
    });
  });

  it('finds the one corner beyond the core format gate cannot take: a 3-digit level with a 6-digit attempt (29 characters)', () => {
    const cid = clientOrderId('o-1', 't', 100, 100_000);
    expect(cid).toHaveLength(29);
    expect(wireClientOrderId('gate', cid)).toEqual({
      _tag: 'Left',
      left: { code: 'REJECTED', message: expect.stringContaining('up to 28 characters') },
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
