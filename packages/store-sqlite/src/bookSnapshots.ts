import type { Database } from 'better-sqlite3';
import type {
  BookSnapshotHeader,
  BookSnapshotReader,
  BookSnapshots,
  SnapshotOrder,
} from '@smart-orders/engine';
import { PAGE_ORDERS, pageOf, readPage } from './bookSnapshotPages';

/**
 * The book's snapshot in two tables beside the log (migration 5). A write replaces it in one
 * IMMEDIATE transaction, after counting the log's order events the engine says it folded: under
 * the write lock no other writer commits between the count and the snapshot. A read takes the
 * header and the orders in one read transaction, so it never sees half of two snapshots.
 * States are bytes (one a character, `statePacking.ts`): a BLOB keeps them exactly
 * (`bookSnapshotPages.ts`).
 */
export const sqliteBookSnapshots = (db: Database): BookSnapshots => {
  // Order streams are `smart-order-<id>`: their names sort between the prefix and `smart-order.`.
  const orderEventsBetween = db
    .prepare<[number, number], number>(
      `SELECT count(*) FROM events WHERE position > ? AND position <= ?
         AND stream >= 'smart-order-' AND stream < 'smart-order.'`,
    )
    .pluck();
  const lastPosition = db.prepare<[], number | null>('SELECT MAX(position) FROM events').pluck();
  const clearPages = db.prepare('DELETE FROM book_snapshot_pages');
  const insertPage = db.prepare<[number, Buffer]>(
    'INSERT INTO book_snapshot_pages (orders, data) VALUES (?, ?)',
  );
  const saveHeader = db.prepare<[number, string, string, string, string, number]>(
    `INSERT INTO book_snapshot (id, position, release, shapes, ended, markets, orders)
       VALUES (1, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET position = excluded.position, release = excluded.release,
         shapes = excluded.shapes, ended = excluded.ended, markets = excluded.markets,
         orders = excluded.orders`,
  );
  const readHeader = db.prepare<[], BookSnapshotHeader>(
    'SELECT position, release, shapes, ended, markets, orders FROM book_snapshot WHERE id = 1',
  );
  const readPages = db
    .prepare<[], Buffer>('SELECT data FROM book_snapshot_pages ORDER BY rowid')
    .pluck();

  const write = db.transaction(
    (
      header: BookSnapshotHeader,
      orders: Iterable<SnapshotOrder>,
      since: { readonly foldedThrough: number; readonly orderEvents: number },
    ): boolean => {
      if (orderEventsBetween.get(since.foldedThrough, header.position) !== since.orderEvents)
        return false;
      clearPages.run();
      let count = 0;
      let page: SnapshotOrder[] = [];
      const flush = (): void => {
        insertPage.run(page.length, pageOf(page));
        count += page.length;
        page = [];
      };
      for (const o of orders) {
        page.push(o);
        if (page.length === PAGE_ORDERS) flush();
      }
      if (page.length > 0) flush();
      if (count !== header.orders)
        throw new Error(
          `book snapshot: the header says ${header.orders} orders but ${count} were given; nothing written`,
        );
      saveHeader.run(
        header.position,
        header.release,
        header.shapes,
        header.ended,
        header.markets,
        header.orders,
      );
      return true;
    },
  );

  const read = db.transaction(
    (release: string, into: BookSnapshotReader): BookSnapshotHeader | null => {
      const header = readHeader.get();
      if (header === undefined || header.release !== release) return null;
      if ((lastPosition.get() ?? 0) < header.position) return null;
      into.header(header);
      let count = 0;
      const order = (o: SnapshotOrder): void => into.order(o);
      for (const page of readPages.iterate()) count += readPage(page, order);
      if (count !== header.orders)
        throw new Error(
          `book snapshot: the header says ${header.orders} orders but ${count} are stored; start with bookSnapshots: false to fold the whole log`,
        );
      return header;
    },
  );

  return {
    write: async (header, orders, since) => write.immediate(header, orders, since),
    read: async (release, into) => read.deferred(release, into),
  };
};
