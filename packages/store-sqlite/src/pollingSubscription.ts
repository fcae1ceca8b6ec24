import { Observable } from 'rxjs';
import type { StoredEvent } from '@smart-orders/engine';

export interface PollingOptions {
  /** How long a caught-up subscription waits before looking for other processes' appends. */
  readonly pollIntervalMs: number;
  /** Events read per query while catching up. */
  readonly pageSize: number;
}

/**
 * Catch-up then live over the store-wide log, from one cursor: every read starts after the last
 * position delivered, so the seam between catching up and live has no gap and no duplicate.
 * Appends of this process wake it at once (`appended`): the read runs in a microtask, before
 * the appender's own continuation, so a live reader (the panel's push hub) is not one turn of
 * the event loop behind the engine. Those of other processes are found by polling. Reads and
 * deliveries never overlap, even when an observer appends from `next`.
 */
export const pollingSubscription = (
  readPage: (afterPosition: number, limit: number) => readonly StoredEvent[],
  appended: Observable<void>,
  afterPosition: number,
  { pollIntervalMs, pageSize }: PollingOptions,
): Observable<StoredEvent> =>
  new Observable<StoredEvent>((subscriber) => {
    let cursor = afterPosition;
    let poll: NodeJS.Timeout | undefined;
    let soon: NodeJS.Immediate | undefined;
    let woken = false;

    const schedule = (now: boolean): void => {
      if (subscriber.closed || soon !== undefined || woken) return;
      if (now) {
        clearTimeout(poll);
        poll = undefined;
        soon = setImmediate(pump);
      } else if (poll === undefined) {
        poll = setTimeout(pump, pollIntervalMs);
      }
    };

    const wakeNow = (): void => {
      if (subscriber.closed || woken) return;
      woken = true;
      queueMicrotask(pump);
    };

    function pump(): void {
      clearTimeout(poll);
      clearImmediate(soon);
      poll = undefined;
      soon = undefined;
      woken = false;
      if (subscriber.closed) return;
      let page: readonly StoredEvent[];
      try {
        page = readPage(cursor, pageSize);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      for (const event of page) {
        if (subscriber.closed) return;
        cursor = event.position;
        subscriber.next(event);
      }
      // A full page means more is waiting: read on, but let the event loop breathe in between.
      schedule(page.length === pageSize);
    }

    const wake = appended.subscribe({
      next: wakeNow,
      complete: () => subscriber.complete(),
    });
    pump();
    return () => {
      wake.unsubscribe();
      clearTimeout(poll);
      clearImmediate(soon);
    };
  });
