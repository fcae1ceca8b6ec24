import { ErrorType, streamNameFilter } from '@eventstore/db-client';
import type { StoredEvent } from '@smart-orders/engine';
import type { Observable } from 'rxjs';
import type { AllEventsSubscription, EventStoreDbClient } from './eventStoreDbClient';
import { isEventStoreDbError } from './eventStoreDbError';
import { startAfter } from './positions';
import {
  resumableSubscription,
  type ResubscribePolicy,
  type SubscriptionSource,
} from './resumableSubscription';
import type { StreamNames } from './streamNames';
import { storedEventOf } from './storedEventOf';

const PERMANENT_CLIENT_ERRORS: ReadonlySet<unknown> = new Set([
  ErrorType.ACCESS_DENIED,
  ErrorType.INVALID_ARGUMENT,
  ErrorType.UNSUPPORTED,
]);

export const defaultResubscribePolicy: ResubscribePolicy = {
  isPermanent: (error) =>
    isEventStoreDbError(error) ||
    (error instanceof Error && PERMANENT_CLIENT_ERRORS.has((error as { type?: unknown }).type)),
  delayMs: (attempt) => Math.min(5_000, 100 * 2 ** (attempt - 1)),
};

/** The port events of one `$all` subscription; other streams are skipped should the filter let them through. */
const portEventsOf = (
  subscription: AllEventsSubscription,
  names: StreamNames,
): SubscriptionSource<StoredEvent> => ({
  async *[Symbol.asyncIterator]() {
    for await (const resolved of subscription) {
      const recorded = resolved.event;
      const stream = recorded === undefined ? null : names.portStream(recorded.streamId);
      if (recorded !== undefined && stream !== null) yield storedEventOf(stream, recorded);
    }
  },
  unsubscribe: () => subscription.unsubscribe(),
});

/** `$all` filtered on the server to this store's stream prefixes, resumed after a drop. */
export const subscribeAll =
  (client: EventStoreDbClient, names: StreamNames, policy: ResubscribePolicy) =>
  (afterPosition: number): Observable<StoredEvent> =>
    resumableSubscription(
      (after) =>
        portEventsOf(
          client.subscribeToAll({
            fromPosition: startAfter(after),
            filter: streamNameFilter({ prefixes: [...names.prefixes] }),
          }),
          names,
        ),
      afterPosition,
      policy,
    );
