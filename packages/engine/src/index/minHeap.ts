/**
 * A binary min-heap of (key, id, generation) entries with lazy deletion: an entry whose
 * generation is no longer the id's current one is dropped when it surfaces. Updating an order's
 * threshold is then one push (O(log n)), and stale entries cost nothing until they surface.
 *
 * The entries live in three arrays, not as objects: 24 bytes an entry (V8 keeps an array of
 * numbers unboxed, and an id is one pointer or small integer) where an object, its boxed key and
 * its array slot took 64. A million open orders hold two to four million entries. Typed arrays
 * would take 16, but their memory lies outside the heap, and growing them set off full
 * collections for "external memory pressure": a restart of 100k orders took a fifth more CPU time.
 */
export interface MinHeap<Id> {
  push(key: number, id: Id, generation: number): void;
  /** The smallest key; Infinity when the heap is empty. */
  topKey(): number;
  /** The id and generation of the entry with the smallest key; only when not empty. */
  topId(): Id;
  topGeneration(): number;
  /** Drops the entry with the smallest key. */
  pop(): void;
  readonly size: number;
}

/**
 * A cell of an array of numbers where a heap keeps a copy of its smallest key (Infinity when
 * empty): a symbol's heaps share one such array, which a tick reads instead of the heaps. In a
 * book of a million orders the heaps lie far apart in memory, and most ticks cross none of them.
 */
export interface TopCell {
  readonly keys: number[];
  readonly at: number;
}

export const createMinHeap = <Id>(top?: TopCell): MinHeap<Id> => {
  const keys: number[] = [];
  const ids: Id[] = [];
  const generations: number[] = [];
  let n = 0;
  const copyTop = (): void => {
    if (top !== undefined) top.keys[top.at] = n === 0 ? Infinity : (keys[0] as number);
  };
  copyTop();

  const move = (to: number, from: number): void => {
    keys[to] = keys[from] as number;
    ids[to] = ids[from] as Id;
    generations[to] = generations[from] as number;
  };
  const place = (at: number, key: number, id: Id, generation: number): void => {
    keys[at] = key;
    ids[at] = id;
    generations[at] = generation;
  };

  return {
    push(key, id, generation) {
      // Sift up: parents larger than the key move down into the hole.
      let i = n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if ((keys[parent] as number) <= key) break;
        move(i, parent);
        i = parent;
      }
      place(i, key, id, generation);
      copyTop();
    },
    topKey: () => (n === 0 ? Infinity : (keys[0] as number)),
    topId: () => ids[0] as Id,
    topGeneration: () => generations[0] as number,
    pop() {
      if (n === 0) return;
      n -= 1;
      const key = keys[n] as number;
      const id = ids[n] as Id;
      const generation = generations[n] as number;
      // The arrays shrink with the heap: what was popped is not kept.
      keys.length = n;
      ids.length = n;
      generations.length = n;
      if (n === 0) {
        copyTop();
        return;
      }
      // Sift the last entry down from the root: smaller children move up into the hole.
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
      copyTop();
    },
    get size() {
      return n;
    },
  };
};
