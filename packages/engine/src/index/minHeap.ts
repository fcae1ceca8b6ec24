/**
 * A binary min-heap of (key, id, generation) entries with lazy deletion: an entry whose
 * generation is no longer the id's current one is dropped when it surfaces. Updating an order's
 * threshold is then one push (O(log n)), and stale entries cost nothing until they surface.
 *
 * The entries live in three typed arrays, not as objects: 16 bytes an entry where an object,
 * its boxed key and its array slot took 64, and nothing for the collector to trace. A million
 * open orders hold two to four million entries.
 */
export interface MinHeap {
  push(key: number, id: number, generation: number): void;
  /** The smallest key; Infinity when the heap is empty. */
  topKey(): number;
  /** The id and generation of the entry with the smallest key; only when not empty. */
  topId(): number;
  topGeneration(): number;
  /** Drops the entry with the smallest key. */
  pop(): void;
  readonly size: number;
}

const INITIAL_CAPACITY = 16;

export const createMinHeap = (): MinHeap => {
  let keys = new Float64Array(INITIAL_CAPACITY);
  // Ids and generations are counters below 2³²: an id per order the index ever watched, a
  // generation per update of one order.
  let ids = new Uint32Array(INITIAL_CAPACITY);
  let generations = new Uint32Array(INITIAL_CAPACITY);
  let n = 0;

  const grow = (): void => {
    const capacity = keys.length * 2;
    const k = new Float64Array(capacity);
    const i = new Uint32Array(capacity);
    const g = new Uint32Array(capacity);
    k.set(keys);
    i.set(ids);
    g.set(generations);
    keys = k;
    ids = i;
    generations = g;
  };
  const move = (to: number, from: number): void => {
    keys[to] = keys[from] as number;
    ids[to] = ids[from] as number;
    generations[to] = generations[from] as number;
  };
  const place = (at: number, key: number, id: number, generation: number): void => {
    keys[at] = key;
    ids[at] = id;
    generations[at] = generation;
  };

  return {
    push(key, id, generation) {
      if (n === keys.length) grow();
      // Sift up: parents larger than the key move down into the hole.
      let i = n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((keys[parent] as number) <= key) break;
        move(i, parent);
        i = parent;
      }
      place(i, key, id, generation);
    },
    topKey: () => (n === 0 ? Infinity : (keys[0] as number)),
    topId: () => ids[0] as number,
    topGeneration: () => generations[0] as number,
    pop() {
      if (n === 0) return;
      n -= 1;
      if (n === 0) return;
      // Sift the last entry down from the root: smaller children move up into the hole.
      const key = keys[n] as number;
      const id = ids[n] as number;
      const generation = generations[n] as number;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const child = r < n && (keys[r] as number) < (keys[l] as number) ? r : l;
        if ((keys[child] as number) >= key) break;
        move(i, child);
        i = child;
      }
      place(i, key, id, generation);
    },
    get size() {
      return n;
    },
  };
};
