import fc from 'fast-check';
import type { OrderState } from '@smart-orders/core';
import { createStatePacking } from './statePacking';

// Trees of what packing carries exactly: finite numbers but -0, well-formed strings, booleans, null, dense
// arrays and plain objects (a key `__proto__` aside).
const exact = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    fc.integer(),
    fc.string({ unit: 'binary' }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.string({ unit: 'binary' }).filter((k) => k !== '__proto__'),
      tie('value'),
      { maxKeys: 5, noNullPrototype: true },
    ),
  ),
})).value;

const asState = (v: unknown): OrderState => v as OrderState;

describe('state packing', () => {
  it('brings back what JSON carries exactly: the same values, keys in the same order', () => {
    const packing = createStatePacking();
    fc.assert(
      fc.property(exact, (v) => {
        const packed = packing.pack(asState(v));
        expect(packed).not.toBeNull();
        const unpacked = packing.unpack(packed as string);
        expect(unpacked).toStrictEqual(v);
        expect(JSON.stringify(unpacked)).toBe(JSON.stringify(v));
      }),
    );
  });

  it('packs nothing it could not bring back equal, whatever the value', () => {
    const packing = createStatePacking();
    fc.assert(
      fc.property(
        fc.anything({
          withBoxedValues: true,
          withMap: true,
          withSet: true,
          withDate: true,
          withNullPrototype: true,
          withSparseArray: true,
          withTypedArray: true,
        }),
        (v) => {
          const packed = packing.pack(asState(v));
          if (packed !== null) expect(packing.unpack(packed)).toStrictEqual(v);
        },
      ),
    );
  });

  it.each([
    ['a number that is not finite', { price: Number.POSITIVE_INFINITY }],
    ['NaN', { price: Number.NaN }],
    ['-0', { price: -0 }],
    ['an undefined value', { price: undefined }],
    // eslint-disable-next-line no-sparse-arrays -- the hole is what is refused
    ['an array hole', { levels: [1, , 3] }],
    ['a date', { at: new Date(0) }],
    ['a map', { byId: new Map() }],
    ['an object with no prototype', { spec: Object.create(null) as object }],
    ['a string with a lone surrogate', { note: 'a\uD800b' }],
    ['a key __proto__ of its own', JSON.parse('{"__proto__":{"x":1}}') as object],
  ])('refuses %s', (_, v) => {
    expect(createStatePacking().pack(asState(v))).toBeNull();
  });

  it('brings back text of any script, and numbers of every size', () => {
    const packing = createStatePacking();
    const v = {
      symbol: 'ETH/USDT',
      note: 'ордер 注文 🚀',
      levels: [0, 223, 224, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 2682.51, 1e-9, 1723161601550],
    };
    expect(packing.unpack(packing.pack(asState(v)) as string)).toStrictEqual(v);
  });
});
