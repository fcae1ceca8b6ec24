import fc from 'fast-check';
import { createLookupLane } from './lookupLane';
import { bodyOf } from './testing/fakeHttp';
import { testVenue } from './testing/testVenue';
import { wireClientOrderId } from './wireClientOrderId';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('the lookup lane', () => {
  it('joins a second read of an id to the one in flight: one venue read, one answer', async () => {
    let clock = 100;
    const lane = createLookupLane(() => clock);
    const answer = deferred<string>();
    let reads = 0;
    const look = () => ((reads += 1), answer.promise);
    const first = lane.read('a', look);
    await flush();
    clock = 150;
    const second = lane.read('a', look);
    answer.resolve('found');
    expect(await first).toEqual({ value: 'found', startedAt: 100 });
    expect(await second).toEqual({ value: 'found', startedAt: 100 });
    expect(reads).toBe(1);
  });

  it('reads again for a caller that needs an answer started after the read in flight', async () => {
    let clock = 100;
    const lane = createLookupLane(() => clock);
    const early = deferred<string>();
    const looks: number[] = [];
    const first = lane.read('a', () => (looks.push(clock), early.promise));
    await flush();
    clock = 200;
    const proof = lane.read('a', async () => (looks.push(clock), 'late'), 200);
    early.resolve('early');
    expect(await first).toEqual({ value: 'early', startedAt: 100 });
    expect(await proof).toEqual({ value: 'late', startedAt: 200 });
    expect(looks).toEqual([100, 200]);
  });

  it('a failed read fails its joiners and not the reads queued behind it', async () => {
    const lane = createLookupLane(() => 0);
    const failing = lane.read('a', () => Promise.reject(new Error('timeout')));
    const joined = lane.read('a', () => Promise.resolve('never read'));
    const other = lane.read('b', () => Promise.resolve('b'));
    await expect(failing).rejects.toThrow('timeout');
    await expect(joined).rejects.toThrow('timeout');
    expect((await other).value).toBe('b');
  });

  it('property: reads never overlap, and each id is read at most once while its read is pending', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 30,
        }),
        async (requests) => {
          const lane = createLookupLane(() => 0);
          let running = 0;
          let overlapped = false;
          const pendingReads = new Map<string, number>();
          const answers = requests.map(async ([id, ticks]) => {
            const read = await lane.read(id, async () => {
              running += 1;
              if (running > 1) overlapped = true;
              pendingReads.set(id, (pendingReads.get(id) ?? 0) + 1);
              for (let i = 0; i < ticks; i += 1) await flush();
              running -= 1;
              return id;
            });
            return read.value;
          });
          expect(await Promise.all(answers)).toEqual(requests.map(([id]) => id));
          expect(overlapped).toBe(false);
          // Every request of an id made while its read was queued joined it: the ids were all
          // asked at once, so each was read exactly once.
          for (const id of new Set(requests.map(([id]) => id)))
            expect(pendingReads.get(id)).toBe(1);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('kraken lookups through the lane (ccxt.kraken, the wire faked)', () => {
  const ids = ['sot1r0k3j9x2ab7qfe41mz', 'sot1r0k3j9x2ab7qfe41my'];
  const wires = ids.map((id) => (wireClientOrderId('kraken', id) as { right: string }).right);
  const empty = (key: 'open' | 'closed') => ({ error: [], result: { [key]: {}, count: 0 } });

  it('reads once for two lookups of one id, and never has two lookups on the wire at once', async () => {
    let onWire = 0;
    let most = 0;
    const answering = (key: 'open' | 'closed') => async () => {
      onWire += 1;
      most = Math.max(most, onWire);
      await flush();
      onWire -= 1;
      return { body: empty(key) };
    };
    const { http, exchange } = testVenue('kraken', [
      { method: 'POST', path: '/0/private/OpenOrders', answers: [answering('open')] },
      { method: 'POST', path: '/0/private/ClosedOrders', answers: [answering('closed')] },
    ]);
    const now = Date.now();
    const answers = await Promise.all([
      exchange.lookup(ids[0]!, 'BTC/USDT', now),
      exchange.lookup(ids[0]!, 'BTC/USDT', now),
      exchange.lookup(ids[1]!, 'BTC/USDT', now),
    ]);
    await exchange.close();
    expect(answers.map((a) => a._tag)).toEqual(['Right', 'Right', 'Right']);
    // Each lookup is OpenOrders then ClosedOrders; the first id's pair ends before the next starts.
    expect(http.requests.map((r) => [r.url.pathname, bodyOf(r)['cl_ord_id']])).toEqual([
      ['/0/private/OpenOrders', wires[0]],
      ['/0/private/ClosedOrders', wires[0]],
      ['/0/private/OpenOrders', wires[1]],
      ['/0/private/ClosedOrders', wires[1]],
    ]);
    expect(most).toBe(1);
  });
});
