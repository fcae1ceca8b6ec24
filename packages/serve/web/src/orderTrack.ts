import {
  evolve,
  isTerminal,
  type OrderEvent,
  type OrderState,
  type State,
} from '@smart-orders/core';
import type { StoredEvent } from '../../src/panelApi';

export const COLORS = {
  price: '#6b7280',
  entry: '#2563eb',
  takeProfit: '#16a34a',
  stop: '#dc2626',
  trailing: '#ea580c',
  flatten: '#7c3aed',
} as const;

export interface Sample {
  readonly x: number;
  /** null: the level ends here. */
  readonly value: number | null;
}

export interface Line {
  readonly key: string;
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
  readonly samples: Sample[];
}

export type FillKind = 'entry' | 'takeProfit' | 'stop' | 'flatten';

export interface Fill {
  readonly kind: FillKind;
  readonly x: number;
  readonly price: number;
}

export interface Track {
  readonly lines: readonly Line[];
  /** Lines still drawn after the last event: the chart carries them to its right edge. */
  readonly open: ReadonlySet<Line>;
  readonly fills: readonly Fill[];
  readonly state: State;
}

const FILLS: Readonly<Record<string, FillKind>> = {
  EntryPartiallyFilled: 'entry',
  EntryFilled: 'entry',
  TpFilled: 'takeProfit',
  StopLossFilled: 'stop',
  NativeStopFilled: 'stop',
  FlattenFilled: 'flatten',
};

interface Level {
  readonly label: string;
  readonly color: string;
  readonly dash?: readonly number[];
  readonly value: number | null;
}

/**
 * The levels an order shows after each event, read from the core's own fold (as the CLI's
 * chart does): a pending limit entry, the entry fill, each TP level while pending or
 * triggered, the fixed stop and the armed trailing stop while they can still fire.
 */
const levelsOf = (s: OrderState): Map<string, Level> => {
  const live = !isTerminal(s);
  const guarding = live && s.closing === null;
  const levels = new Map<string, Level>();
  const limit =
    live && s.status === 'PENDING' && s.spec.entry.type === 'LIMIT' ? s.spec.entry.price : null;
  levels.set('limit', { label: 'limit entry', color: COLORS.entry, dash: [4, 4], value: limit });
  levels.set('entry', { label: 'entry', color: COLORS.entry, value: live ? s.entryPrice : null });
  for (const l of s.takeProfits) {
    const pending = live && (l.status === 'PENDING' || l.status === 'TRIGGERED');
    levels.set(`tp${l.level}`, {
      label: `TP${l.level}`,
      color: COLORS.takeProfit,
      dash: [6, 3],
      value: pending ? l.price : null,
    });
  }
  levels.set('stop', { label: 'stop', color: COLORS.stop, value: guarding ? s.stopLoss : null });
  const trail = guarding && s.trailing?.armed === true ? s.trailing.stopPrice : null;
  levels.set('trailing', {
    label: 'trailing stop',
    color: COLORS.trailing,
    dash: [2, 2],
    value: trail,
  });
  return levels;
};

/** One order's stream as lines over time and fills. */
export const orderTrack = (events: readonly StoredEvent[]): Track => {
  let state: State = null;
  const lines = new Map<string, Line>();
  const current = new Map<string, number | null>();
  const fills: Fill[] = [];
  for (const stored of events) {
    state = evolve(state, { type: stored.type, ts: stored.ts, data: stored.data } as OrderEvent);
    if (state === null) continue;
    const fill = FILLS[stored.type];
    const price = (stored.data as { price?: unknown }).price;
    if (fill !== undefined && typeof price === 'number')
      fills.push({ kind: fill, x: stored.ts, price });
    for (const [key, level] of levelsOf(state)) {
      const was = current.get(key) ?? null;
      if (level.value === was) continue;
      let line = lines.get(key);
      if (line === undefined) {
        line = {
          key,
          label: level.label,
          color: level.color,
          ...(level.dash ? { dash: level.dash } : {}),
          samples: [],
        };
        lines.set(key, line);
      }
      // A level that ends is drawn up to here, then broken.
      if (level.value === null)
        line.samples.push({ x: stored.ts, value: was }, { x: stored.ts, value: null });
      else line.samples.push({ x: stored.ts, value: level.value });
      current.set(key, level.value);
    }
  }
  const open = new Set(
    [...lines].filter(([key]) => (current.get(key) ?? null) !== null).map(([, line]) => line),
  );
  return { lines: [...lines.values()], open, fills, state };
};
