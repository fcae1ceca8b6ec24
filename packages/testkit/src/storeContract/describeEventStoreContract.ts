import { describeAppendContract } from './appendContract';
import { describeConcurrencyContract } from './concurrencyContract';
import { describeLeaseContract } from './leaseContract';
import { describeReadAllContract } from './readAllContract';
import { describeSubscriptionContract } from './subscriptionContract';
import type { EventStoreFactory } from './storeHarness';
import { describeWriterLockContract } from './writerLockContract';

export interface ContractOptions {
  /**
   * The store implements the optional `lockWriter` (default true). EventStoreDB does not: it has
   * no lock outside its streams, and every stream is in `$all`.
   */
  readonly writerLocks?: boolean;
}

/**
 * The contract every `EventStore` adapter passes. Call it from the adapter's spec with a factory
 * that opens an empty store for each test (a new file, schema or database) and, for a durable
 * adapter, can reopen the same data. Uses the test runner's `describe`, `it` and `expect`.
 */
export const describeEventStoreContract = (
  name: string,
  factory: EventStoreFactory,
  options: ContractOptions = {},
): void => {
  describe(`${name}: the EventStore contract`, () => {
    describeAppendContract(factory);
    describeConcurrencyContract(factory);
    describeLeaseContract(factory);
    describeReadAllContract(factory);
    describeSubscriptionContract(factory);
    if (options.writerLocks ?? true) describeWriterLockContract(factory);
  });
};
