import {
  fillModelConfig,
  type FeeSchedule,
  type FillModelConfig,
  type PaperFillsSection,
} from '@smart-orders/core';

/** The paper exchange's fill-model flags, shared by `replay` and `serve` (CLI.md, version 2). */
export interface PaperFillFlags {
  readonly slippageBps?: number;
  /** SEMANTICS §9.4: trade prints this far from the median of the last 50 are not acted on. */
  readonly maxDeviationBps?: number;
  /** SEMANTICS §9.4: the fee schedule; default 10 / 10 bps in the received asset. */
  readonly fees?: FeeSchedule;
  /** SEMANTICS §9.4: an order sent at t meets the first tick at or after t + latencyMs. */
  readonly latencyMs?: number;
  /** `--no-size-limits`: false fills in full whatever the recording printed; true leaves it to the plan. */
  readonly sizeLimits?: boolean;
}

export interface PaperFillModel {
  readonly fills: FillModelConfig;
  readonly maxDeviationBps: number | undefined;
}

/** The defaults, then the plan's `paper` section, then the flags: a flag overrides the plan. */
export const paperFillModel = (
  flags: PaperFillFlags,
  paper: PaperFillsSection | undefined,
): PaperFillModel => ({
  maxDeviationBps: flags.maxDeviationBps ?? paper?.maxDeviationBps,
  fills: fillModelConfig(
    {
      ...(paper?.fees === undefined ? {} : { fees: paper.fees }),
      ...(paper?.latencyMs === undefined ? {} : { latencyMs: paper.latencyMs }),
      ...(paper?.sizeLimits === undefined ? {} : { sizeLimits: paper.sizeLimits }),
    },
    {
      ...(flags.fees === undefined ? {} : { fees: flags.fees }),
      ...(flags.latencyMs === undefined ? {} : { latencyMs: flags.latencyMs }),
      ...(flags.sizeLimits === false ? { sizeLimits: false } : {}),
      ...(flags.slippageBps === undefined ? {} : { slippageBps: flags.slippageBps }),
    },
  ),
});

/**
 * The fill model in a checkpoint's name: a replay resumed with other fees or latency is
 * another replay. The version 1 model (no fees, no latency, no slippage) adds nothing, so the
 * checkpoints of replays made before fees keep their names.
 */
export const fillsKey = (f: FillModelConfig): string =>
  f.fees.makerBps === 0 && f.fees.takerBps === 0 && f.latencyMs === 0 && f.sizeLimits
    ? ''
    : `${f.fees.makerBps},${f.fees.takerBps},${f.fees.asset},${f.latencyMs},${f.sizeLimits}\n`;
