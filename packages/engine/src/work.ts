import type { AccountCommand, Command, DomainError, Tick } from '@smart-orders/core';
import type { Checkpoint, StoredEvent } from './ports/eventStore';
import type { AccountHoldings } from './account/readHoldings';
import type { ExchangeReport } from './ports/exchange';

/**
 * One unit of work: what enters the engine at one moment (a tick, commands, the exchange's
 * reports), decided and committed in one store transaction.
 */
export interface Work {
  readonly commands?: readonly Command[];
  readonly tick?: Tick;
  readonly reports?: readonly ExchangeReport[];
  /** Told to the account decider after the commands (a trip, a reset, a heartbeat). */
  readonly accountCommands?: readonly AccountCommand[];
  /** What the exchange holds: a flatten under way decides its next step on it. */
  readonly holdings?: AccountHoldings;
  /** Saved in the same transaction as the events (a replay's last tick). */
  readonly checkpoint?: Checkpoint;
  /** Reads what another writer appended to the account stream, and acts on it (a trip's cancels). */
  readonly followAccount?: boolean;
  /**
   * The tick these commands arrive with, decided in the next unit: the account marks to it
   * first, so that the commands meet the gate of that moment (a session rolled, a limit broken).
   */
  readonly markTo?: Tick;
  /**
   * Time passing (SEMANTICS §8.6): every open order whose deadline has passed at `ts` gets a
   * `Timer`. With `tick`, only that tick's symbol, just before the tick itself, at its price.
   */
  readonly timer?: { readonly ts: number; readonly tick?: Tick };
}

export interface Rejection {
  readonly command: Command;
  readonly error: DomainError;
}

export interface WorkResult {
  readonly events: readonly StoredEvent[];
  readonly rejections: readonly Rejection[];
}

export const NOTHING: WorkResult = { events: [], rejections: [] };

/** The latest time a unit of work carries: the account's own steps (a trip's cancels) use it. */
export const timeOf = (work: Work): number =>
  Math.max(
    work.tick?.ts ?? 0,
    work.timer?.ts ?? 0,
    ...(work.commands ?? []).map((c) => c.ts),
    ...(work.accountCommands ?? []).map((c) => c.ts),
    ...(work.reports ?? []).map((r) => r.ts),
  );

/** A tick alone, the common case: most move nothing and cost no transaction. */
export const isTickAlone = (work: Work): work is Work & { readonly tick: Tick } =>
  work.tick !== undefined &&
  (work.commands ?? []).length === 0 &&
  (work.reports ?? []).length === 0 &&
  (work.accountCommands ?? []).length === 0 &&
  work.holdings === undefined;

/** Whether a unit carries anything beside its tick that must be answered before the tick. */
export const hasMoreThanTick = (work: Work): boolean =>
  (work.commands ?? []).length > 0 ||
  (work.reports ?? []).length > 0 ||
  (work.accountCommands ?? []).length > 0 ||
  work.holdings !== undefined ||
  work.followAccount === true;

/** Nothing to decide: what is left of a unit whose only tick was delivered again. */
export const hasNothingToDecide = (work: Work): boolean =>
  work.tick === undefined && work.timer === undefined && !hasMoreThanTick(work);

/** The results of a unit and of what it caused, in order. */
export const merge = (a: WorkResult, b: WorkResult): WorkResult =>
  b === NOTHING
    ? a
    : { events: [...a.events, ...b.events], rejections: [...a.rejections, ...b.rejections] };
