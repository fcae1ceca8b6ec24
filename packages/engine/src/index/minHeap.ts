/**
 * A binary min-heap of (key, id, generation) entries with lazy deletion: an entry whose
 * generation is no longer the id's current one is dropped when it surfaces. Updating an order's
 * threshold is then one push (O(log n)), and stale entries cost nothing until they surface.
 */
export interface HeapEntry {
  key: number;
  id: number;
  generation: number;
}

export interface MinHeap {
  push(entry: HeapEntry): void;
  peek(): HeapEntry | undefined;
  pop(): HeapEntry | undefined;
  readonly size: number;
}

export const createMinHeap = (): MinHeap => {
  const items: HeapEntry[] = [];
  const swap = (i: number, j: number): void => {
    const t = items[i] as HeapEntry;
    items[i] = items[j] as HeapEntry;
    items[j] = t;
  };
  const up = (start: number): void => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as HeapEntry).key <= (items[i] as HeapEntry).key) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (start: number): void => {
    let i = start;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let smallest = i;
      if (l < n && (items[l] as HeapEntry).key < (items[smallest] as HeapEntry).key) smallest = l;
      if (r < n && (items[r] as HeapEntry).key < (items[smallest] as HeapEntry).key) smallest = r;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  return {
    push(entry) {
      items.push(entry);
      up(items.length - 1);
    },
    peek: () => items[0],
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last !== undefined) {
        items[0] = last;
        down(0);
      }
      return top;
    },
    get size() {
      return items.length;
    },
  };
};
