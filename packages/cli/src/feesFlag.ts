import { NO_FEES, type FeeSchedule } from '@smart-orders/core';

const ASSETS = ['RECEIVED', 'QUOTE'] as const;

const bps = (what: string, text: string): number => {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1000)
    throw new Error(`--fees: ${what} must be basis points in [0, 1000], got "${text}"`);
  return n;
};

/**
 * `--fees MAKER_BPS,TAKER_BPS[,RECEIVED|QUOTE]` (CLI.md, version 2): the paper exchange's fee
 * schedule; the asset defaults to RECEIVED, what a spot account without BNB pays. `--fees 0`
 * charges nothing. Throws with the flag, the part and the rule when the value is not that.
 */
export const parseFeesFlag = (value: string): FeeSchedule => {
  if (value.trim() === '0') return NO_FEES;
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3)
    throw new Error(`--fees: must be MAKER_BPS,TAKER_BPS[,RECEIVED|QUOTE] or 0, got "${value}"`);
  const [maker = '', taker = '', asset = 'RECEIVED'] = parts;
  const upper = asset.toUpperCase();
  if (!(ASSETS as readonly string[]).includes(upper))
    throw new Error(`--fees: the asset must be RECEIVED or QUOTE, got "${asset}"`);
  return {
    makerBps: bps('MAKER_BPS', maker),
    takerBps: bps('TAKER_BPS', taker),
    asset: upper as FeeSchedule['asset'],
  };
};
