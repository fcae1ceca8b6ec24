/**
 * `{ ...base, ...more }`, for an object that is kept. Node 20's V8 gives an object spread from
 * another and then given a property the other lacks a hidden class of its own, which the
 * collector keeps in old space beside it: a book of open orders created through the engine held
 * some 700 bytes an order more than the same book rebuilt from its log (docs/performance.md).
 * Copied with `Object.assign` into a new object, objects of the same fields share one class.
 */
export const extended = <A extends object, B extends object>(
  base: A,
  more: B,
): Omit<A, keyof B> & B => Object.assign({}, base, more);
