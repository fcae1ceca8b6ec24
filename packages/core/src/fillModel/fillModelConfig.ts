import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import { rule } from '../codecs/rule';
import { DEFAULT_FEE_SCHEDULE, FeeSchedule } from './feeSchedule';

/** How the paper exchange, the testkit and the venue fill (SEMANTICS §9.4). */
export interface FillModelConfig {
  readonly fees: FeeSchedule;
  /** Trade prints further than this from the median of the last 50 are ignored; undefined: off. */
  readonly maxDeviationBps?: number;
  /** An order sent at `t` meets the first tick at or after `t + latencyMs`. */
  readonly latencyMs: number;
  /** Fills take at most what the market printed, when the recording has sizes. */
  readonly sizeLimits: boolean;
  /** Taker fills move this many basis points against the order. */
  readonly slippageBps: number;
}

export const DEFAULT_FILL_MODEL: FillModelConfig = {
  fees: DEFAULT_FEE_SCHEDULE,
  latencyMs: 0,
  sizeLimits: true,
  slippageBps: 0,
};

const NonNegativeInteger = rule(
  'an integer >= 0',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0,
);
const PositiveBps = rule(
  'basis points, a finite number > 0',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u > 0,
);

/** A plan's `paper` section (CLI.md, version 2): what of the fill model it sets. */
export const PaperFillsSection = closed(
  'paper',
  {},
  {
    fees: FeeSchedule,
    maxDeviationBps: PositiveBps,
    latencyMs: NonNegativeInteger,
    sizeLimits: t.boolean,
  },
);
export type PaperFillsSection = t.TypeOf<typeof PaperFillsSection>;

/** The defaults, overridden by what is given (a plan's section, then the flags). */
export const fillModelConfig = (
  ...overrides: readonly Partial<FillModelConfig>[]
): FillModelConfig => {
  let config: FillModelConfig = DEFAULT_FILL_MODEL;
  for (const o of overrides) {
    for (const [k, v] of Object.entries(o)) {
      if (v !== undefined) config = { ...config, [k]: v };
    }
  }
  return config;
};
