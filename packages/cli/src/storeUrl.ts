import type { EventStore } from '@smart-orders/engine';
import { getInMemoryEventStore } from '@smart-orders/engine';
import { badInput } from './cliFailure';

export type StoreKind = 'memory' | 'sqlite' | 'postgres' | 'esdb';

export interface StoreUrl {
  readonly kind: StoreKind;
  readonly url: string;
  /** The file of a `sqlite:` store. */
  readonly path?: string;
}

/** Checks a `--store` URL without touching anything, so bad input is refused before any write. */
export const parseStoreUrl = (url: string): StoreUrl => {
  if (url === 'memory:' || url === 'memory') return { kind: 'memory', url };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') badInput('--store: sqlite: needs a file path, like sqlite:orders.sqlite');
    return { kind: 'sqlite', url, path };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url };
  if (/^esdb(\+discover)?:\/\//.test(url)) return { kind: 'esdb', url };
  return badInput(
    `--store: unknown store URL "${url}"; use memory:, sqlite:PATH, postgres://… or esdb://…`,
  );
};

/** Opens the store; adapters load lazily so that a replay on SQLite never loads pg or gRPC. */
export const openStore = async (store: StoreUrl): Promise<EventStore> => {
  switch (store.kind) {
    case 'memory':
      return getInMemoryEventStore();
    case 'sqlite': {
      const { getSqliteEventStore } = await import('@smart-orders/store-sqlite');
      return getSqliteEventStore(store.path as string);
    }
    case 'postgres': {
      const { getPostgresEventStore } = await import('@smart-orders/store-postgres');
      return getPostgresEventStore(store.url);
    }
    case 'esdb': {
      const { getEventStoreDbEventStore } = await import('@smart-orders/store-eventstoredb');
      return getEventStoreDbEventStore(store.url);
    }
  }
};
