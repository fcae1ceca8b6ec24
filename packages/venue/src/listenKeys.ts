import { randomBytes } from 'node:crypto';

/** Listen keys of the legacy user-data stream (`/ws/<listenKey>`); they never expire here. */
export interface ListenKeys {
  create(): string;
  has(key: string): boolean;
  remove(key: string): boolean;
}

export const createListenKeys = (): ListenKeys => {
  const keys = new Set<string>();
  return {
    create: () => {
      const key = randomBytes(30).toString('hex');
      keys.add(key);
      return key;
    },
    has: (key) => keys.has(key),
    remove: (key) => keys.delete(key),
  };
};
