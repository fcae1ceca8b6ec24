import { Client, type ClientConfig } from 'pg';
import { defer, Subject, type Observable } from 'rxjs';

/** Wake-ups for live subscribers of this store, from appends of any process on the same database. */
export interface AppendNotifications {
  readonly wakeUps: Observable<void>;
  close(): Promise<void>;
}

/**
 * One LISTEN connection per store, opened by the first subscriber. Notifications only shorten
 * the wait: subscribers poll anyway, because a notification can be missed (the LISTEN
 * connection lost and reopened, a writer with `notify` off).
 */
export const appendNotifications = (config: ClientConfig, channel: string): AppendNotifications => {
  const wakeUps = new Subject<void>();
  let listener: Promise<Client | null> | null = null;
  let closed = false;

  const listen = async (): Promise<Client | null> => {
    const client = new Client(config);
    // A lost LISTEN connection degrades subscribers to polling; the next subscriber listens again.
    client.on('error', () => {
      listener = null;
      client.end().catch(() => undefined);
    });
    client.on('notification', () => wakeUps.next());
    try {
      await client.connect();
      await client.query(`LISTEN "${channel}"`);
      // Appends committed before LISTEN took effect sent their notification to nobody.
      wakeUps.next();
      return client;
    } catch {
      listener = null;
      await client.end().catch(() => undefined);
      return null;
    }
  };

  return {
    wakeUps: defer(() => {
      if (listener === null && !closed) listener = listen();
      return wakeUps;
    }),
    close: async () => {
      closed = true;
      wakeUps.complete();
      const client = await listener;
      await client?.end().catch(() => undefined);
    },
  };
};
