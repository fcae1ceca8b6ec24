import type { OrderState } from '@smart-orders/core';

/**
 * An open order's state as one string, for a book too large to keep every state as objects.
 *
 * A state of the bench's mix is some 30 objects and boxed numbers, about 1.6 KB of heap; packed,
 * it is one flat string of about 300 bytes. The string holds bytes, one a character: each value
 * a tag, then its content (an integer of 0 to 223 is its tag alone, others four bytes, a
 * fraction eight, a string its UTF-8 bytes after their count). An object is its shape's number
 * and its values in its keys' order; shapes (key lists) are kept once, in the packing: a book's
 * states have a few dozen. Text (JSON) took 5–10 µs a state to write, most of it printing
 * numbers; bytes take about one.
 *
 * Packing is exact or not done: a state holding anything that would not come back the same (a
 * number that is not finite, -0, an `undefined` value, an array hole, a string with a lone
 * surrogate, an object that is not a plain one or has a key `__proto__`) packs to `null` and is
 * kept as it is. Unpacked, a state has the same keys in the same order and the same values;
 * shared objects (the spec's interned market) come back as copies of their own.
 */
export interface StatePacking {
  pack(state: OrderState): string | null;
  unpack(packed: string): OrderState;
  /**
   * The key lists packed states name by number: a packing made with them (a book restored from
   * a snapshot, `bookSnapshot.ts`) unpacks the strings this one packed.
   */
  shapes(): readonly (readonly string[])[];
}

const NULL = 0;
const FALSE = 1;
const TRUE = 2;
const INT32 = 3;
const FLOAT64 = 4;
const STRING = 5;
const ARRAY = 6;
const OBJECT = 7;
const ASCII = 8;
/** Tags from here on are the integers 0 to 255 − SMALL. */
const SMALL = 32;

/** Whether `v`'s own keys are `keys`, in that order. */
const hasKeys = (v: object, keys: readonly string[]): boolean => {
  let i = 0;
  for (const k in v) {
    if (keys[i] !== k) return false;
    i++;
  }
  return i === keys.length;
};

class Refused extends Error {}

/** Node's own, under `toString('latin1')`: called for each string of an unpacked state. */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

/** Node 20 has it; the ES2022 library the project compiles against does not name it. */
interface WellFormedCheck {
  isWellFormed(): boolean;
}

export const createStatePacking = (known: readonly (readonly string[])[] = []): StatePacking => {
  const shapes: string[][] = [];
  // Shapes by key count, so that a packed object's keys are compared with a few candidates
  // without making a key list or a string of them.
  const byCount: number[][] = [];
  const shapeOf = (v: Record<string, unknown>): number => {
    let count = 0;
    for (const _ in v) count++;
    const candidates = (byCount[count] ??= []);
    for (const id of candidates) if (hasKeys(v, shapes[id] as string[])) return id;
    shapes.push(Object.keys(v));
    hintsOf.push([]);
    candidates.push(shapes.length - 1);
    return shapes.length - 1;
  };
  // The shape an object had last time at the same place (under the same key of an object of
  // the same shape): a state is written in one pass over its keys when the hint holds, where
  // finding its shape first took a second pass (half of a pack's time).
  const hintsOf: number[][] = [];
  const rootHint = [-1];
  for (const keys of known) {
    shapes.push([...keys]);
    hintsOf.push([]);
    (byCount[keys.length] ??= []).push(shapes.length - 1);
  }

  // One buffer the packing writes into and reads from, grown as a state needs.
  let buf = Buffer.allocUnsafe(4_096);
  let at = 0;
  const room = (bytes: number): void => {
    if (at + bytes <= buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, at + bytes));
    buf.copy(bigger, 0, 0, at);
    buf = bigger;
  };
  const count = (n: number): void => {
    room(5);
    while (n >= 0x80) {
      buf[at++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    buf[at++] = n;
  };
  /**
   * A short ASCII string (ids, symbols, statuses: every string of a state, as a rule) written
   * byte by byte: a call into Node's buffer for each took half of a pack's time.
   */
  const putAscii = (v: string): boolean => {
    const n = v.length;
    if (n > 127) return false;
    room(2 + n);
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c >= 0x80) return false;
      buf[at + 2 + i] = c;
    }
    buf[at] = ASCII;
    buf[at + 1] = n;
    at += 2 + n;
    return true;
  };
  /** Writes `o` as the shape `hints[slot]` says, or as its own where that does not hold. */
  const putObject = (o: Record<string, unknown>, hints: number[], slot: number): void => {
    const hint = hints[slot] ?? -1;
    if (hint >= 0) {
      const start = at;
      room(1);
      buf[at++] = OBJECT;
      count(hint);
      const keys = shapes[hint] as string[];
      const childHints = hintsOf[hint] as number[];
      let i = 0;
      let same = true;
      for (const k in o) {
        if (keys[i] !== k) {
          same = false;
          break;
        }
        put(o[k], childHints, i);
        i++;
      }
      if (same && i === keys.length) return;
      at = start;
    }
    const id = shapeOf(o);
    hints[slot] = id;
    room(1);
    buf[at++] = OBJECT;
    count(id);
    const keys = shapes[id] as string[];
    const childHints = hintsOf[id] as number[];
    for (let i = 0; i < keys.length; i++) put(o[keys[i] as string], childHints, i);
  };
  const put = (v: unknown, hints: number[], slot: number): void => {
    if (v === null) {
      room(1);
      buf[at++] = NULL;
    } else if (typeof v === 'boolean') {
      room(1);
      buf[at++] = v ? TRUE : FALSE;
    } else if (typeof v === 'number') {
      room(9);
      if (Object.is(v, -0)) throw new Refused();
      if (Number.isInteger(v) && v >= 0 && v <= 255 - SMALL) buf[at++] = SMALL + v;
      else if ((v | 0) === v) {
        buf[at++] = INT32;
        at = buf.writeInt32LE(v, at);
      } else if (Number.isFinite(v)) {
        buf[at++] = FLOAT64;
        at = buf.writeDoubleLE(v, at);
      } else throw new Refused();
    } else if (typeof v === 'string') {
      if (putAscii(v)) return;
      if (!(v as unknown as WellFormedCheck).isWellFormed()) throw new Refused();
      const bytes = Buffer.byteLength(v, 'utf8');
      room(1);
      buf[at++] = STRING;
      count(bytes);
      room(bytes);
      at += buf.write(v, at, bytes, 'utf8');
    } else if (Array.isArray(v)) {
      room(1);
      buf[at++] = ARRAY;
      count(v.length);
      // Indexed, not iterated: a hole reads as `undefined`, which is refused.
      for (let i = 0; i < v.length; i++) put(v[i], hints, slot);
    } else if (
      typeof v === 'object' &&
      Object.getPrototypeOf(v) === Object.prototype &&
      // A `__proto__` of its own would set the unpacked object's prototype instead.
      !Object.hasOwn(v, '__proto__')
    ) {
      putObject(v as Record<string, unknown>, hints, slot);
    } else throw new Refused();
  };

  const readCount = (): number => {
    let n = 0;
    let shift = 0;
    for (;;) {
      const b = buf[at++] as number;
      n += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) return n;
      shift += 7;
    }
  };
  const value = (): unknown => {
    const tag = buf[at++] as number;
    if (tag >= SMALL) return tag - SMALL;
    switch (tag) {
      case NULL:
        return null;
      case FALSE:
        return false;
      case TRUE:
        return true;
      case INT32:
        at += 4;
        return buf.readInt32LE(at - 4);
      case FLOAT64:
        at += 8;
        return buf.readDoubleLE(at - 8);
      case STRING: {
        const bytes = readCount();
        at += bytes;
        return buf.toString('utf8', at - bytes, at);
      }
      case ASCII: {
        const n = buf[at++] as number;
        at += n;
        return (buf as unknown as Latin1Slice).latin1Slice(at - n, at);
      }
      case ARRAY: {
        const n = readCount();
        const items: unknown[] = [];
        for (let i = 0; i < n; i++) items.push(value());
        return items;
      }
      default: {
        const keys = shapes[readCount()] as string[];
        const o: Record<string, unknown> = {};
        for (const k of keys) o[k] = value();
        return o;
      }
    }
  };

  return {
    pack(state) {
      at = 0;
      try {
        put(state, rootHint, 0);
      } catch (e) {
        if (e instanceof Refused) return null;
        throw e;
      }
      return buf.toString('latin1', 0, at);
    },
    unpack(packed) {
      at = 0;
      room(packed.length);
      buf.write(packed, 0, 'latin1');
      return value() as OrderState;
    },
    shapes: () => shapes,
  };
};
