import { existsSync } from 'node:fs';
import type { EventStore } from '@smart-orders/engine';
import { getInMemoryEventStore } from '@smart-orders/engine';
import { badInput, isStoreError, StoreFailure } from './cliFailure';

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

/** The URL as printed in a message: a PostgreSQL password is not. */
export const storeLabel = (store: StoreUrl): string =>
  store.url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/, '$1***@');

/**
 * Opens the store; adapters load lazily so that a replay on SQLite never loads pg or gRPC. A
 * store that cannot be opened (server down, directory missing, file locked or not a database)
 * is a StoreFailure naming it.
 */
export const openStore = async (store: StoreUrl): Promise<EventStore> => {
  try {
    return await openStoreOf(store);
  } catch (error) {
    throw new StoreFailure(storeLabel(store), error);
  }
};

/**
 * For the commands that read a store someone else wrote (status, audit): a SQLite file that
 * does not exist is a mistyped path, refused (exit 2) instead of created empty.
 */
export const openExistingStore = async (store: StoreUrl): Promise<EventStore> => {
  if (store.kind === 'memory')
    badInput(
      '--store: memory: is empty in a new process; give the store to read (sqlite:PATH, postgres://…, esdb://…)',
    );
  if (store.kind === 'sqlite' && !existsSync(store.path as string))
    badInput(`--store: ${store.path as string} does not exist; nothing was created`);
  return openStore(store);
};

/** Runs a read of the store, so that a failure while reading (a row of bad JSON, a lock) names it. */
export const readingStore = async <T>(store: StoreUrl, read: () => Promise<T>): Promise<T> => {
  try {
    return await read();
  } catch (error) {
    throw error instanceof StoreFailure ? error : new StoreFailure(storeLabel(store), error);
  }
};

/** The store's own failure mid-way (a lock) as a StoreFailure naming it; any other error as it is. */
export const storeFailureOf = (store: StoreUrl, error: unknown): unknown =>
  isStoreError(error) && !(error instanceof StoreFailure)
    ? new StoreFailure(storeLabel(store), error)
    : error;

const openStoreOf = async (store: StoreUrl): Promise<EventStore> => {
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
