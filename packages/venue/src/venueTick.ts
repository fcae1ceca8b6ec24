import type { Tick } from '@smart-orders/core';

/** A core Tick, optionally with the recorded trade size, which the trade stream prints. */
export type VenueTick = Tick & { readonly quantity?: number };

/** Joins ticks and their trade sizes, which replay-files' `readTicks` returns side by side. */
export const withQuantities = (
  ticks: readonly Tick[],
  quantities: readonly (number | null)[],
): VenueTick[] =>
  ticks.map((tick, i) => {
    const quantity = quantities[i];
    return quantity === null || quantity === undefined ? tick : { ...tick, quantity };
  });
