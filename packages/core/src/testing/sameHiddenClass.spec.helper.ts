import { setFlagsFromString } from 'node:v8';

/**
 * Whether V8 keeps two objects in one hidden class: a test that objects kept by the thousand
 * (an order's spec, an exchange's order record) do not each carry a class of their own
 * (`extended.ts`). V8's own test, compiled once its syntax is allowed.
 */
setFlagsFromString('--allow-natives-syntax');
export const sameHiddenClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (
  a: object,
  b: object,
) => boolean;
