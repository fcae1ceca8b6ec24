/**
 * Pretty JSON with sorted keys, so that two values print the same exactly when they are equal
 * as JSON data (an absent field and an `undefined` one are the same; key order is not). Numbers
 * JSON cannot carry are spelled out instead of collapsing to `null`.
 */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return `<${String(v)}>`;
      if (typeof v === 'bigint') return `<${v.toString()}n>`;
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
        return Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        );
      }
      return v;
    },
    2,
  ) ?? String(value);
