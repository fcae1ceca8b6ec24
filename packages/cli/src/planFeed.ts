import type { Command } from '@smart-orders/core';

export interface DueItem {
  /** Epoch ms; null: before the first tick. */
  readonly at: number | null;
  readonly command: Command;
}

export interface PlanFeed {
  /**
   * The plan items due at a tick, each handed out once: the next tick, arriving while this
   * batch is still in flight, gets only what came due after them.
   */
  take(tickTs: number): { readonly commands: Command[]; readonly reached: number };
  /** Items handed out so far. */
  readonly submitted: number;
}

/**
 * Feeds a live run's plan to the engine, items sorted by `at`. `applied` is how many items the
 * store's checkpoint says were committed (a restart resumes there). What was handed out is
 * counted at once, not when its batch commits: counting at commit re-submitted every item on
 * each tick while its batch was in flight (a create refused as "must be unique", a cancel
 * refused as closing, over and over).
 */
export const createPlanFeed = (due: readonly DueItem[], applied: number): PlanFeed => {
  let submitted = applied;
  return {
    take(tickTs) {
      const commands: Command[] = [];
      while (submitted < due.length) {
        const item = due[submitted] as DueItem;
        if (item.at !== null && item.at > tickTs) break;
        commands.push({ ...item.command, ts: item.at ?? tickTs } as Command);
        submitted++;
      }
      return { commands, reached: submitted };
    },
    get submitted() {
      return submitted;
    },
  };
};
