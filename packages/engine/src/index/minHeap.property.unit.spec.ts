import fc from 'fast-check';
import { createMinHeap } from './minHeap';

type Op = { readonly push: number } | 'pop';

const ops = fc.array(
  fc.oneof(
    fc.record({
      push: fc.oneof(
        fc.integer({ min: -50, max: 50 }),
        fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
      ),
    }),
    fc.constant('pop' as const),
  ),
  { maxLength: 300 },
);

describe('the min-heap', () => {
  it('always has at its top an entry of the smallest key pushed and not yet popped, with its id and generation', () => {
    fc.assert(
      fc.property(ops, (sequence: Op[]) => {
        const heap = createMinHeap<number>();
        // The model: the entries in the heap, each pushed with a serial id, its generation id × 7.
        const model: { key: number; id: number }[] = [];
        let serial = 0;
        for (const op of sequence) {
          if (op === 'pop') {
            // The heap pops its top, which the checks below found among the smallest keys.
            if (model.length > 0) {
              const id = heap.topId();
              model.splice(
                model.findIndex((e) => e.id === id),
                1,
              );
            }
            heap.pop();
          } else {
            const id = serial++;
            heap.push(op.push, id, id * 7);
            model.push({ key: op.push, id });
          }
          expect(heap.size).toBe(model.length);
          if (model.length === 0) {
            expect(heap.topKey()).toBe(Infinity);
            continue;
          }
          const smallest = Math.min(...model.map((e) => e.key));
          expect(heap.topKey()).toBe(smallest);
          const top = model.find((e) => e.id === heap.topId());
          expect(top?.key).toBe(smallest);
          expect(heap.topGeneration()).toBe(heap.topId() * 7);
        }
      }),
    );
  });

  it('keeps a copy of its top key in the cell it was given, Infinity when empty', () => {
    fc.assert(
      fc.property(ops, (sequence: Op[]) => {
        const keys = [0, 0, 0];
        const heap = createMinHeap<number>({ keys, at: 1 });
        expect(keys).toEqual([0, Infinity, 0]);
        for (const [i, op] of sequence.entries()) {
          if (op === 'pop') heap.pop();
          else heap.push(op.push, i, 0);
          expect(keys[1]).toBe(heap.topKey());
        }
        expect([keys[0], keys[2]]).toEqual([0, 0]);
      }),
    );
  });
});
