import { isLeft, left, right, type Either } from 'fp-ts/Either';
import {
  conflict,
  staleLeaseEpoch,
  type AppendResult,
  type AppendToStream,
  type Checkpoint,
  type ConcurrencyConflict,
  type LeaseFence,
  type StoredEvent,
} from '@smart-orders/engine';
import { planBatch } from './batchPlan';
import { saveCheckpoint } from './checkpoints';
import { eventDataOf } from './eventDataOf';
import type { EventStoreDbClient } from './eventStoreDbClient';
import { latestEvent, readStreamEvents } from './readStreamEvents';
import { expectedRevisionOf, versionOfCurrentRevision, versionOfRevision } from './revisions';
import type { StreamNames } from './streamNames';
import {
  conflictOfWrongExpectedVersion,
  isWrongExpectedVersion,
  withAppendedStreams,
} from './wrongExpectedVersion';

export interface AppendBatchDeps {
  readonly client: EventStoreDbClient;
  readonly names: StreamNames;
  readonly keepLatest: (esdbStream: string) => Promise<void>;
}

interface Written {
  readonly stream: string;
  readonly firstVersion: number;
  readonly count: number;
}

const currentVersion = async (deps: AppendBatchDeps, stream: string): Promise<number> => {
  const latest = await latestEvent(deps.client, deps.names.esdbStream(stream));
  return latest === null ? 0 : versionOfRevision(latest.revision);
};

/** One stream's append: its last version, or the server's refusal as the port's conflict. */
const appendStream = async (
  { client, names }: AppendBatchDeps,
  { stream, expectedVersion, events }: AppendToStream,
): Promise<Either<ConcurrencyConflict, number>> => {
  try {
    const result = await client.appendToStream(names.esdbStream(stream), events.map(eventDataOf), {
      expectedRevision: expectedRevisionOf(expectedVersion),
    });
    // A client made with `throwOnAppendFailure: false` reports the refusal as a value.
    return result.success
      ? right(versionOfRevision(result.nextExpectedRevision))
      : left(
          conflict(stream, expectedVersion, versionOfCurrentRevision(result.nextExpectedRevision)),
        );
  } catch (error) {
    if (isWrongExpectedVersion(error)) {
      return left(conflictOfWrongExpectedVersion(stream, expectedVersion, error));
    }
    throw error;
  }
};

/** The epoch of the lease stream's last event; 0 when nobody ever took the lease. */
const currentEpoch = async (deps: AppendBatchDeps, stream: string): Promise<number> => {
  const latest = await latestEvent(deps.client, deps.names.esdbStream(stream));
  const epoch = (latest?.data as { epoch?: unknown } | undefined)?.epoch;
  return typeof epoch === 'number' ? epoch : 0;
};

/**
 * EventStoreDB has no transaction across streams, so the batch is written as close to "all or
 * nothing" as the server allows:
 * 0. with a fence, the lease stream's epoch is read first: a batch from another epoch throws
 *    `StaleLeaseEpoch` with nothing written. The server cannot hold the lease stream still
 *    while the batch is written, so a take-over committed between this read and the appends
 *    is not refused (docs/stores.md, "EventStoreDB");
 * 1. every stream's version is read and the whole batch checked: a stale expectation refuses
 *    it with nothing written;
 * 2. the streams are appended one by one, in the batch's order, each with its expected
 *    revision, so the server still refuses a writer that raced past the check (the conflict
 *    then names the streams already appended);
 * 3. the checkpoints are saved last: a crash before them leaves some streams appended and the
 *    checkpoint behind, and the engine's re-processing of that tick must be idempotent;
 * 4. the appended events are read back, for the positions a multi-event append does not return.
 */
export const appendBatch =
  (deps: AppendBatchDeps) =>
  async (
    appends: readonly AppendToStream[],
    checkpoints: readonly Checkpoint[] = [],
    fence?: LeaseFence,
  ): Promise<Either<ConcurrencyConflict, AppendResult>> => {
    const { client, names } = deps;
    for (const { stream } of appends) names.ensureSupported(stream);
    if (fence !== undefined) {
      const epoch = await currentEpoch(deps, fence.stream);
      if (epoch !== fence.epoch) throw staleLeaseEpoch(fence, epoch);
    }
    const streams = [...new Set(appends.map((a) => a.stream))];
    const before = new Map(
      await Promise.all(streams.map(async (s) => [s, await currentVersion(deps, s)] as const)),
    );
    const plan = planBatch(appends, before);
    if (isLeft(plan)) return plan;

    const written: Written[] = [];
    const appendedStreams: string[] = [];
    for (const append of appends) {
      if (append.events.length === 0) continue;
      const appended = await appendStream(deps, append);
      if (isLeft(appended)) return left(withAppendedStreams(appended.left, appendedStreams));
      const { stream, events } = append;
      written.push({
        stream,
        firstVersion: appended.right - events.length + 1,
        count: events.length,
      });
      if (!appendedStreams.includes(stream)) appendedStreams.push(stream);
    }

    for (const checkpoint of checkpoints)
      await saveCheckpoint(client, names, deps.keepLatest, checkpoint);

    const events: StoredEvent[] = (
      await Promise.all(
        written.map((w) => readStreamEvents(client, names, w.stream, w.firstVersion, w.count)),
      )
    ).flat();
    return right({ events });
  };
