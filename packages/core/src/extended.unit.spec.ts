import { extended } from './extended';
import { sameHiddenClass } from './testing/sameHiddenClass.spec.helper';

describe('extended', () => {
  it('is the spread of the base and the more, the more winning, in the spread order', () => {
    expect(extended({ a: 1, b: 2 }, { b: 3, c: 4 })).toEqual({ a: 1, b: 3, c: 4 });
    expect(Object.keys(extended({ a: 1, b: 2 }, { c: 4, b: 3 }))).toEqual(['a', 'b', 'c']);
  });

  it('gives objects with the same fields one hidden class, whatever fields it adds', () => {
    const made = Array.from({ length: 50 }, (_, i) =>
      extended({ orderId: `o-${i}`, quantity: (i + 1) / 7 }, { status: 'OPEN', updatedAt: i }),
    );
    for (const o of made) expect(sameHiddenClass(o, made[0] as object)).toBe(true);
  });
});
