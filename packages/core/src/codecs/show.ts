/**
 * A value as an error message quotes it: JSON where JSON can print it, cut to 40 characters.
 * Commands come from anywhere (a socket, a plan file, a caller's object), so values JSON
 * cannot print (a BigInt, a cycle, a symbol) are named instead: an error message must never
 * throw in its turn.
 */
export const show = (u: unknown): string => {
  if (u === undefined) return 'nothing';
  if (typeof u === 'bigint') return `${u}n`;
  if (typeof u === 'symbol') return u.toString();
  if (typeof u === 'number' && !Number.isFinite(u)) return String(u);
  let json: string | undefined;
  try {
    json = JSON.stringify(u);
  } catch {
    json = undefined;
  }
  const s = json ?? Object.prototype.toString.call(u);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
};
