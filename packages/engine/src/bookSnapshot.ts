import type { OrderState } from '@smart-orders/core';
import { codeRelease } from './codeRelease';
import type { OpenOrderBook, Watched } from './openOrderBook';
import type { BookSnapshots, SnapshotOrder } from './ports/eventStore';

/**
 * What the book has folded of the log: a snapshot written at the engine's stop is the book as of
 * `last`, and it may be written only if every order event of the log up to there is in it.
 */
export interface FoldedLog {
  /** Where the start's snapshot ended, or null for a start that read the whole log. */
  restored: number | null;
  /** The last position the start read: its snapshot's, then the log's after it. */
  through: number;
  /** The last position of an event the engine committed or caught up on since, or `through`. */
  last: number;
  /** The order events among those it committed or caught up on since `through`. */
  orderEvents: number;
}

export const foldedLog = (): FoldedLog => ({
  restored: null,
  through: 0,
  last: 0,
  orderEvents: 0,
});

/** Events folded into the book since the start: its own commits, another writer's caught up. */
export const foldedInto = (
  log: FoldedLog,
  events: readonly { readonly position: number; readonly orderId: string | null }[],
): void => {
  for (const e of events) {
    if (e.position > log.last) log.last = e.position;
    if (e.orderId !== null) log.orderEvents += 1;
  }
};

// What the book indexes an order by, as text: its fields apart by a character no symbol,
// side or trigger source holds, numbers as `String` prints them, which `Number` reads back
// exactly (`Infinity` too). Unpacking each state to index it took a quarter of a restore.
const APART = '\u0001';

const watchedText = (w: Watched): string | null => {
  const { symbol, side, triggerSource } = w.spec;
  if (symbol.includes(APART)) return null;
  return [
    symbol,
    side,
    triggerSource,
    w.watch.above,
    w.watch.below,
    w.deadline ?? '',
    w.working ? 1 : 0,
  ].join(APART);
};

const watchedFrom = (text: string): Watched => {
  const [symbol, side, triggerSource, above, below, deadline, working] = text.split(APART) as [
    string,
    OrderState['spec']['side'],
    OrderState['spec']['triggerSource'],
    string,
    string,
    string,
    string,
  ];
  return {
    spec: { symbol, side, triggerSource },
    watch: { above: Number(above), below: Number(below) },
    deadline: deadline === '' ? null : Number(deadline),
    working: working === '1',
  };
};

/**
 * Restores the store's snapshot into an empty book; returns the position the log is to be read
 * after (0: there was none this code can read, the whole log).
 */
export const restoreBookSnapshot = async (
  snapshots: BookSnapshots,
  book: OpenOrderBook,
): Promise<number> => {
  const header = await snapshots.read(codeRelease(), {
    header: (h) =>
      book.restoreFrom(
        JSON.parse(h.shapes) as string[][],
        JSON.parse(h.ended) as [string, string][],
        JSON.parse(h.markets) as [string, OrderState['spec']['market']][],
      ),
    order: (o) => book.restore(o.orderId, o.state, o.seq, watchedFrom(o.watch)),
  });
  return header?.position ?? 0;
};

/**
 * Writes the book as of `log.last`. Nothing is written when a state will not pack, or when the
 * store finds order events the book did not fold (another writer's): the log stays the truth,
 * and the next start reads more of it. Returns whether it wrote one.
 */
export const writeBookSnapshot = async (
  snapshots: BookSnapshots,
  book: OpenOrderBook,
  log: FoldedLog,
): Promise<boolean> => {
  // Every state packed before the key lists are taken: packing one may add a list.
  const orders: SnapshotOrder[] = [];
  for (const orderId of book.orderIds()) {
    const state = book.packedOf(orderId);
    const watched = book.watchedOf(orderId);
    const watch = watched === undefined ? null : watchedText(watched);
    if (state === null || watch === null) return false;
    orders.push({ orderId, seq: book.seq(orderId) as number, state, watch });
  }
  return snapshots.write(
    {
      position: log.last,
      release: codeRelease(),
      shapes: JSON.stringify(book.shapes()),
      ended: JSON.stringify(book.ended()),
      markets: JSON.stringify([...book.markets()]),
      orders: orders.length,
    },
    orders,
    { foldedThrough: log.through, orderEvents: log.orderEvents },
  );
};
