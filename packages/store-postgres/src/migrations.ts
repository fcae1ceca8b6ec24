import { appendBatchFunction } from './appendBatchFunction';
import { headTakenLast } from './headTakenLast';
import { transactionOrder } from './transactionOrder';
import type { StoreTables } from './storeTables';

/** One step of the store's schema; versions are applied in increasing order, each exactly once. */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: (tables: StoreTables) => string;
}

/*
 * Global order (docs/stores.md, "PostgreSQL"; the append of version 3, headTakenLast.ts, takes
 * the head last instead of first): positions come from the one row of `log_head`,
 * which every append updates first and keeps locked until it commits. So an append draws its
 * positions only once the append before it has committed: positions increase in commit order
 * and a reader never finds a new event below one it has already read, and a batch that rolls
 * back (a conflict, a killed client, a crash) gives its positions back: the log has no holes,
 * like the memory and SQLite stores', so the same replay prints the same log on every store.
 *
 * `transaction_id` is not used to read: it tells which events were committed together.
 */
// Released in version 1 and dropped in version 2: the port never read snapshots back.
const snapshots = (t: StoreTables): string => `${t.quotedSchema}."snapshots"`;

const createEventLog = (t: StoreTables): string => `
  CREATE TABLE ${t.logHead} (
    singleton     boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    last_position bigint  NOT NULL CHECK (last_position >= 0)
  );
  INSERT INTO ${t.logHead} (last_position) VALUES (0);

  CREATE TABLE ${t.events} (
    position       bigint PRIMARY KEY,
    transaction_id xid8   NOT NULL DEFAULT pg_current_xact_id(),
    stream         text   NOT NULL,
    version        bigint NOT NULL CHECK (version > 0),
    ts             bigint NOT NULL,
    type           text   NOT NULL,
    data           json   NOT NULL,
    CONSTRAINT events_stream_version_key UNIQUE (stream, version)
  );

  CREATE TABLE ${t.streams} (
    stream  text   PRIMARY KEY,
    version bigint NOT NULL CHECK (version >= 0)
  );

  CREATE TABLE ${t.checkpoints} (
    name  text PRIMARY KEY,
    value text NOT NULL
  );

  CREATE TABLE ${snapshots(t)} (
    stream  text   PRIMARY KEY,
    version bigint NOT NULL,
    state   json   NOT NULL
  );

  ${appendBatchFunction(t)}
`;

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'event log, streams, checkpoints, snapshots; positions drawn in commit order',
    sql: createEventLog,
  },
  {
    version: 2,
    description: 'no snapshots: nothing ever read them (the engine folds the log)',
    sql: (t) => `DROP TABLE ${snapshots(t)};`,
  },
  {
    version: 3,
    description:
      'append_batch fences batches by lease epoch and takes log_head last, after the checks of its own streams',
    sql: headTakenLast,
  },
  {
    version: 4,
    description:
      'writer_locks: who holds each writer lock (a session advisory lock), beside the event log',
    sql: (t) => `
      CREATE TABLE ${t.writerLocks} (
        name   text        PRIMARY KEY,
        holder text        NOT NULL,
        since  timestamptz NOT NULL
      );
    `,
  },
  {
    version: 5,
    description:
      'store_order and append_batch_in_transaction_order: a schema may order its log by transaction id, without a global lock',
    sql: transactionOrder,
  },
];
