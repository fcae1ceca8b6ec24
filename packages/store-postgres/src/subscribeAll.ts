import type { StoredEvent } from '@smart-orders/engine';
import { Observable } from 'rxjs';

export interface SubscriptionSource {
  readonly readPage: (afterPosition: number, limit: number) => Promise<readonly StoredEvent[]>;
  /** Hints that new events may be readable; subscribers poll anyway. */
  readonly wakeUps: Observable<void>;
  readonly pollIntervalMs: number;
  /** Registers a subscription to be stopped by the store's `close()`; returns the deregistration. */
  readonly track: (stop: () => void) => () => void;
}

const PAGE = 1_000;

/**
 * Catch-up then live, from one loop per subscriber: it reads a page after the last position it
 * delivered, delivers it, and waits only when it is caught up. One reader and one cursor is what
 * makes delivery exactly once and in order; the store's read rule makes the order final.
 */
export const subscribeAll =
  (source: SubscriptionSource) =>
  (afterPosition: number): Observable<StoredEvent> =>
    new Observable<StoredEvent>((subscriber) => {
      let stopped = false;
      let woken = false;
      let wake: (() => void) | null = null;

      const stop = (): void => {
        stopped = true;
        wake?.();
      };
      const untrack = source.track(stop);
      const wakeUps = source.wakeUps.subscribe(() => {
        woken = true;
        wake?.();
      });

      const pause = (): Promise<void> =>
        new Promise((resolve) => {
          if (woken || stopped) return resolve();
          const done = (): void => {
            clearTimeout(timer);
            wake = null;
            resolve();
          };
          const timer = setTimeout(done, source.pollIntervalMs);
          wake = done;
        });

      const run = async (): Promise<void> => {
        let after = afterPosition;
        while (!stopped) {
          woken = false;
          const page = await source.readPage(after, PAGE);
          for (const event of page) {
            if (stopped) return;
            subscriber.next(event);
            after = event.position;
          }
          if (page.length < PAGE) await pause();
        }
      };

      run().then(
        () => subscriber.complete(),
        (error: unknown) => (stopped ? subscriber.complete() : subscriber.error(error)),
      );

      return () => {
        stop();
        untrack();
        wakeUps.unsubscribe();
      };
    });
