import { right, type Either } from 'fp-ts/Either';
import { evolve, type State } from '@smart-orders/core';
import type { AccountDesk } from './account/accountDesk';
import { foldedInto, type FoldedLog } from './bookSnapshot';
import type { AccountWork } from './account/accountWork';
import type { OpenOrderBook } from './openOrderBook';
import type {
  AppendToStream,
  Checkpoint,
  ConcurrencyConflict,
  EventStore,
  StoredEvent,
} from './ports/eventStore';
import { orderStream } from './ports/eventStore';
import type { UnitOfWork } from './unitOfWork';
import { orderEventOf } from './orderEventOf';

/**
 * Appends every event of a unit of work in ONE store transaction, with the expected version of
 * every stream it touched and the checkpoint it carries.
 */
export const commitUnit = (
  store: EventStore,
  unit: UnitOfWork,
  checkpoint: Checkpoint | undefined,
  desk: AccountDesk | undefined,
  account: AccountWork | undefined,
): Promise<Either<ConcurrencyConflict, { readonly events: readonly StoredEvent[] }>> => {
  const appends: AppendToStream[] = [...unit.touched].map(([orderId, t]) => ({
    stream: orderStream(orderId),
    expectedVersion: t.base === null ? ('no_stream' as const) : t.base.version,
    events: t.events.map((e) => ({ type: e.type, ts: e.ts, data: e.data })),
  }));
  const accountAppend = account === undefined ? null : (desk?.appendOf(account) ?? null);
  if (accountAppend !== null) appends.push(accountAppend);
  if (appends.length === 0) return Promise.resolve(right({ events: [] }));
  return store.appendBatch(appends, checkpoint === undefined ? [] : [checkpoint]);
};

/**
 * After a version conflict (another writer appended first), every order of the refused unit
 * and the account are caught up with what the other writer appended, so that deciding again
 * sees the fresh state — where a trigger has already fired, and so appends and sends nothing.
 */
export const catchUp = async (
  store: EventStore,
  book: OpenOrderBook,
  unit: UnitOfWork,
  desk: AccountDesk | undefined,
  folded: FoldedLog,
): Promise<void> => {
  await desk?.load(store);
  for (const orderId of unit.touched.keys()) {
    const current = book.get(orderId);
    if (current === undefined) continue;
    const fresh = await store.readStream(orderStream(orderId), current.version + 1);
    const next = fresh.reduce<State>((s, e) => evolve(s, orderEventOf(e)), current);
    foldedInto(folded, fresh);
    if (next !== null) book.put(next);
  }
};
