import * as t from 'io-ts';
import { closed, rule } from '@smart-orders/core';

const PositiveBps = rule(
  'basis points, a finite number > 0',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0,
);

/**
 * A plan's `paper` section (CLI.md, version 2): how the replay treats the recorded prints. Only
 * the deviation filter is played so far (SEMANTICS §9.4: a trade price further than
 * `maxDeviationBps` from the median of the symbol's previous 50 trade prices is not acted on);
 * the fee schedule, latency and size limits join it when the paper exchange fills through the
 * core's fill model, and until then a plan that names them is refused as unknown fields.
 */
export const PaperSection = closed('paper', {}, { maxDeviationBps: PositiveBps });
export type PaperSection = t.TypeOf<typeof PaperSection>;
