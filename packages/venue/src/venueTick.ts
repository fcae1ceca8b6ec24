import type { Tick } from '@smart-orders/core';

/** A core Tick, optionally with the recorded trade size, which the trade stream prints. */
export type VenueTick = Tick & { readonly quantity?: number };
