import { OrderEventCodec } from '../../events/orderEvent';
import { evolve } from '../../state/evolve';
import { isTerminal, type OrderState, type State } from '../../state/orderState';
import { orderView, type OrderView } from '../orderView';
import {
  CHART_COLORS,
  type FillMark,
  type FillMarkKind,
  type SampledSeries,
  type SeriesStyle,
} from './chartSeries';

/** What the chart reads of a stored event: the envelope of EVENTS.md, position aside. */
export interface ChartEnvelope {
  readonly orderId: string | null;
  readonly ts: number;
  readonly type: string;
  readonly data: unknown;
}

/** One level of an order over time; `label` names the order too, `name` only the level. */
export interface TrackLine extends SampledSeries {
  readonly key: string;
  readonly name: string;
}

/** One order as a chart draws it: its levels over time, its fills, and where it ended. */
export interface OrderTrack {
  readonly orderId: string;
  readonly symbol: string;
  readonly view: OrderView;
  readonly lines: readonly TrackLine[];
  /** Lines still drawn after the last event, which the chart extends to its right edge. */
  readonly open: ReadonlySet<TrackLine>;
  readonly fills: readonly FillMark[];
}

const FILLS: Readonly<Record<string, FillMarkKind>> = {
  EntryPartiallyFilled: 'entry',
  EntryFilled: 'entry',
  TpFilled: 'takeProfit',
  StopLossFilled: 'stop',
  NativeStopFilled: 'stop',
  FlattenFilled: 'flatten',
};

interface Level {
  readonly name: string;
  readonly style: Omit<SeriesStyle, 'label'>;
  readonly value: number | null;
}

const step = (color: string, dash?: readonly number[]): Omit<SeriesStyle, 'label'> => ({
  kind: 'step',
  color,
  width: 1.5,
  ...(dash === undefined ? {} : { dash }),
});

/**
 * The levels an order shows after each event, read from the fold: a pending limit entry, the
 * entry fill, each TP level while pending or triggered (and the trail stop of an armed trailing
 * level), the fixed stop, the armed trailing stop and the native stop resting on the exchange while they can still fire.
 */
const levelsOf = (s: OrderState): Map<string, Level> => {
  const live = !isTerminal(s);
  const guarding = live && s.closing === null;
  const levels = new Map<string, Level>();
  const limit =
    live && s.status === 'PENDING' && s.spec.entry.type === 'LIMIT' ? s.spec.entry.price : null;
  levels.set('limit', {
    name: 'limit entry',
    style: step(CHART_COLORS.entry, [4, 4]),
    value: limit,
  });
  // A trailing entry's trigger (SEMANTICS §8.3), drawn like the trailing stop while it waits.
  const entryTrail = s.entryTrail;
  if (entryTrail !== null)
    levels.set('entryTrail', {
      name: 'entry trail',
      style: step(CHART_COLORS.trailing, [2, 2]),
      value:
        live && s.status === 'PENDING' && entryTrail.armed && !entryTrail.triggered
          ? entryTrail.triggerPrice
          : null,
    });
  levels.set('entry', {
    name: 'entry',
    style: step(CHART_COLORS.entry),
    value: live ? s.entryPrice : null,
  });
  for (const l of s.takeProfits) {
    const pending = live && (l.status === 'PENDING' || l.status === 'TRIGGERED');
    levels.set(`tp${l.level}`, {
      name: `TP${l.level}`,
      style: step(CHART_COLORS.takeProfit, [6, 3]),
      value: pending ? l.price : null,
    });
    // A trailing take-profit's trail stop (SEMANTICS §8.2), drawn like the trailing stop.
    const trail = l.trail?.stopPrice ?? null;
    if (l.trail !== null)
      levels.set(`tp${l.level}trail`, {
        name: `TP${l.level} trail`,
        style: step(CHART_COLORS.trailing, [2, 2]),
        value: guarding && l.status === 'PENDING' ? trail : null,
      });
  }
  levels.set('stop', {
    name: 'stop',
    style: step(CHART_COLORS.stop),
    value: guarding ? s.stopLoss : null,
  });
  const trail = guarding && s.trailing?.armed === true ? s.trailing.stopPrice : null;
  levels.set('trailing', {
    name: 'trailing stop',
    style: step(CHART_COLORS.trailing, [2, 2]),
    value: trail,
  });
  const native = s.nativeStop?.orders.find((o) => o.clientOrderId === s.nativeStop?.current);
  levels.set('native', {
    name: 'native stop',
    style: step(CHART_COLORS.stop, [1, 3]),
    value: guarding ? (native?.stopPrice ?? null) : null,
  });
  return levels;
};

/** One order's events, in stream order, as its track; null before it was created. */
export const orderTrack = (
  orderId: string,
  events: readonly ChartEnvelope[],
): OrderTrack | null => {
  let state: State = null;
  const lines = new Map<string, TrackLine>();
  const current = new Map<string, number | null>();
  const fills: FillMark[] = [];
  for (const stored of events) {
    const decoded = OrderEventCodec.decode({ type: stored.type, ts: stored.ts, data: stored.data });
    if (decoded._tag === 'Left') continue;
    state = evolve(state, decoded.right);
    if (state === null) continue;
    const fill = FILLS[stored.type];
    const price = (stored.data as { price?: unknown }).price;
    if (fill !== undefined && typeof price === 'number')
      fills.push({ kind: fill, x: stored.ts, price });
    for (const [key, { name, style, value }] of levelsOf(state)) {
      const was = current.get(key) ?? null;
      if (value === was) continue;
      let line = lines.get(key);
      if (line === undefined) {
        line = { ...style, key, name, label: `${orderId} ${name}`, samples: [] };
        lines.set(key, line);
      }
      // A step line that ends is drawn up to here, then broken.
      if (value === null)
        line.samples.push({ x: stored.ts, value: was }, { x: stored.ts, value: null });
      else line.samples.push({ x: stored.ts, value });
      current.set(key, value);
    }
  }
  if (state === null) return null;
  const open = new Set(
    [...lines].filter(([key]) => (current.get(key) ?? null) !== null).map(([, line]) => line),
  );
  return {
    orderId,
    symbol: state.spec.symbol,
    view: orderView(state),
    lines: [...lines.values()],
    open,
    fills,
  };
};

/** Every order of the events, in order of first appearance; account events are left out. */
export const orderTracks = (events: readonly ChartEnvelope[]): OrderTrack[] => {
  const byOrder = new Map<string, ChartEnvelope[]>();
  for (const e of events) {
    if (e.orderId === null) continue;
    const list = byOrder.get(e.orderId);
    if (list === undefined) byOrder.set(e.orderId, [e]);
    else list.push(e);
  }
  return [...byOrder].flatMap(([orderId, list]) => {
    const track = orderTrack(orderId, list);
    return track === null ? [] : [track];
  });
};
