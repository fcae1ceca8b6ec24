import { CHART_COLORS, orderTrack, priceChart, type PriceChart } from '@smart-orders/core';
import type { PricePoint, StoredEvent } from '../../src/panelApi';

/**
 * The selected order's chart from the core's chart model (the one the CLI's HTML chart uses):
 * the price, the order's levels as they moved and its fills; levels still open reach `now`.
 */
export const detailChart = (
  orderId: string,
  events: readonly StoredEvent[],
  prices: readonly PricePoint[],
  now: number | null,
): PriceChart => {
  const track = orderTrack(orderId, events);
  const price = {
    label: 'price',
    kind: 'line' as const,
    color: CHART_COLORS.price,
    width: 1,
    samples: prices.map((p) => ({ x: p.ts, value: p.price })),
  };
  return priceChart([price], track === null ? [] : [track], {
    ...(now === null ? {} : { end: now }),
    levelLabels: 'levelOnly',
  });
};
