import type { Observable } from 'rxjs';
import type { StoredEvent } from '@smart-orders/engine';

/** Long enough for a polling adapter to have delivered a duplicate, if it were to. */
export const SETTLE_MS = 300;
export const DELIVERY_TIMEOUT_MS = 10_000;

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export interface EventRecorder {
  readonly events: readonly StoredEvent[];
  /** Resolves once `count` events have arrived; fails with what did arrive after the timeout. */
  readonly until: (count: number) => Promise<void>;
  readonly stop: () => void;
}

/** Subscribes and records every delivered event, so tests can also see the ones too many. */
export const recordEvents = (source: Observable<StoredEvent>): EventRecorder => {
  const events: StoredEvent[] = [];
  let failure: unknown = null;
  const waiting = new Set<() => void>();
  const wake = (): void => waiting.forEach((check) => check());
  const subscription = source.subscribe({
    next: (event) => {
      events.push(event);
      wake();
    },
    error: (error: unknown) => {
      failure = error;
      wake();
    },
  });
  const until = (count: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(check);
        reject(
          new Error(
            `the subscription delivered ${events.length} of ${count} events within ${DELIVERY_TIMEOUT_MS} ms ` +
              `(last position ${events.at(-1)?.position ?? 'none'})`,
          ),
        );
      }, DELIVERY_TIMEOUT_MS);
      const check = (): void => {
        if (failure === null && events.length < count) return;
        clearTimeout(timer);
        waiting.delete(check);
        if (failure === null) resolve();
        else reject(failure);
      };
      waiting.add(check);
      check();
    });
  return { events, until, stop: () => subscription.unsubscribe() };
};
