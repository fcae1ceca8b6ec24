import { PaperFillsSection } from '@smart-orders/core';

/**
 * A plan's `paper` section (CLI.md, version 2): how the paper exchange of a replay fills
 * (SEMANTICS §9.4) — `fees { makerBps, takerBps, asset }`, `maxDeviationBps`, `latencyMs`,
 * `sizeLimits` — the core's own codec, so the plan and the fill model agree on every field.
 * A flag of the same name overrides it.
 */
export const PaperSection = PaperFillsSection;
export type PaperSection = PaperFillsSection;
