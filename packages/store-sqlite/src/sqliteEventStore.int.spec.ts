import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '@smart-orders/testkit';
import { getSqliteEventStore } from './sqliteEventStore';

const onTempFile =
  (options: Parameters<typeof getSqliteEventStore>[1] = {}) =>
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-orders-sqlite-'));
    const path = join(dir, 'events.db');
    return {
      store: getSqliteEventStore(path, options),
      reopen: async () => getSqliteEventStore(path, options),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  };

describeEventStoreContract('SQLite', onTempFile());

// Small pages, so catching up takes many reads and appends land between them.
describeEventStoreContract(
  'SQLite with pages of 7 events',
  onTempFile({ pageSize: 7, pollIntervalMs: 5 }),
);
