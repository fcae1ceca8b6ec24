import type { AccountRuntime } from './account/accountRuntime';
import type { Outbox } from './outbox';
import type { UnitOutcome } from './runUnit';
import type { SendGate } from './sendGate';
import { merge, type Work, type WorkResult } from './work';

export interface FollowUpContext {
  /** The account's own requests (a flatten's exits, the orphans' cancels) go straight out. */
  readonly outbox: Pick<Outbox, 'send'>;
  /** The smart orders' requests pass the account's send gate. */
  readonly gate: SendGate;
  /** The engine's way in: the venue's answers are a unit of work of their own. */
  readonly run: (work: Work) => Promise<WorkResult>;
  /** The guarded account's live parts; undefined without an account. */
  readonly runtime: AccountRuntime | undefined;
  /** Whether the account's live protocols run (a live exchange, by default). */
  readonly liveProtocols: boolean;
  /** Work that failed where no caller waits for it. */
  readonly fail: (e: unknown) => void;
}

/** What a committed unit caused, settled: the result of the unit and of everything that followed. */
export type FollowUp = (outcome: UnitOutcome) => WorkResult | Promise<WorkResult>;

/**
 * After the commit: the requests go out, and the venue's answers come back as one unit (step 9
 * of the path, docs/engine.md). A flatten under way reads the holdings again once its requests
 * are answered, so that a venue answering at once (paper) confirms it in tick time. Live, a
 * fill the log cannot place, or an exit refused for insufficient balance, makes the account
 * compare the log with the exchange again, without the unit waiting for it.
 *
 * Most units (a tick that moved nothing) send nothing: they take no more turns of the event
 * loop. With an account every unit goes through, since its send gate may hold requests of an
 * earlier unit that it now lets out.
 */
export const createFollowUp = (ctx: FollowUpContext): FollowUp => {
  const { outbox, gate, run, runtime, fail } = ctx;
  const followUp = async (outcome: UnitOutcome): Promise<WorkResult> => {
    const own =
      outcome.accountEffects.length === 0 ? [] : await outbox.send(outcome.accountEffects);
    const answers = [...own, ...(await gate(outcome.effects))];
    let result = outcome.result;
    if (answers.length > 0) result = merge(result, await run({ reports: answers }));
    if (outcome.pollHoldings) {
      const polled = await runtime?.pollFlatten();
      if (polled != null) result = merge(result, polled);
    }
    // A fill the log cannot place is never only a warning: live, the account compares the log
    // with the exchange again, and what the fill moved is a divergence (SEMANTICS §4 v2).
    if (outcome.unexpectedFills > 0 && runtime !== undefined && ctx.liveProtocols)
      void runtime.reconcile('UNEXPECTED_FILL').catch((e: unknown) => fail(e));
    // An exit refused for insufficient balance: the balance moved outside the engine, so the
    // account compares the log with the exchange (SEMANTICS §9.1).
    if (outcome.heldExits > 0 && runtime !== undefined && ctx.liveProtocols)
      void runtime.reconcile('INSUFFICIENT_BALANCE').catch((e: unknown) => fail(e));
    return result;
  };
  return (outcome) =>
    outcome.effects.length === 0 &&
    outcome.accountEffects.length === 0 &&
    !outcome.pollHoldings &&
    runtime === undefined
      ? outcome.result
      : followUp(outcome);
};
