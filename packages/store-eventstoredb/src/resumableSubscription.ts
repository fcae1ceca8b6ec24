import { Observable } from 'rxjs';

/** One server subscription: its events in order, until it ends, fails or is unsubscribed. */
export interface SubscriptionSource<T> extends AsyncIterable<T> {
  unsubscribe(): Promise<void>;
}

export interface ResubscribePolicy {
  /** Errors that resubscribing cannot cure (a denied access, an unreadable event). */
  readonly isPermanent: (error: unknown) => boolean;
  /** The wait before the n-th resubscription in a row (n ≥ 1) without a delivered event. */
  readonly delayMs: (attempt: number) => number;
}

/**
 * Catch-up then live delivery that survives a dropped subscription: the client reconnects its
 * channel by itself, but a subscription that failed (or ended) stays dead, so a new one is
 * opened after the last delivered position. Events at or before that position are dropped,
 * whether the server's start is inclusive or not, so each event is delivered exactly once.
 */
export const resumableSubscription = <T extends { readonly position: number }>(
  open: (afterPosition: number) => SubscriptionSource<T>,
  afterPosition: number,
  policy: ResubscribePolicy,
): Observable<T> =>
  new Observable<T>((subscriber) => {
    let lastDelivered = afterPosition;
    let source: SubscriptionSource<T> | null = null;
    let wait: ReturnType<typeof setTimeout> | undefined;

    const run = async (): Promise<void> => {
      let failures = 0;
      while (!subscriber.closed) {
        try {
          source = open(lastDelivered);
          for await (const event of source) {
            if (subscriber.closed) return;
            if (event.position <= lastDelivered) continue;
            lastDelivered = event.position;
            failures = 0;
            subscriber.next(event);
          }
        } catch (error) {
          if (subscriber.closed) return;
          if (policy.isPermanent(error)) {
            subscriber.error(error);
            return;
          }
        }
        if (subscriber.closed) return;
        failures += 1;
        await new Promise<void>((resume) => {
          wait = setTimeout(resume, policy.delayMs(failures));
        });
      }
    };

    void run();
    return () => {
      clearTimeout(wait);
      void source?.unsubscribe();
    };
  });
