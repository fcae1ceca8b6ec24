import type { MarketStatus, OrderView, PricePoint, StoredEvent } from '../../src/panelApi';

export type Connection = 'connecting' | 'live' | 'reconnecting';

/** The selected order's history: what the chart and the event list draw. */
export interface Detail {
  readonly orderId: string;
  events: StoredEvent[];
  prices: PricePoint[];
  /** Until the history is fetched, live events and prices wait here. */
  loading: { events: StoredEvent[]; prices: PricePoint[] } | null;
}

export type Part = 'orders' | 'market' | 'detail' | 'connection';

export interface PanelState {
  readonly orders: Map<string, OrderView>;
  /** Store position of the last event heard: where a reconnect carries on. */
  position: number;
  /** Whether a snapshot was ever received: only then can a reconnect ask for what it missed. */
  synced: boolean;
  market: MarketStatus | null;
  selected: string | null;
  detail: Detail | null;
  connection: Connection;
  /** Marks a part as changed; it is drawn once, at the next frame. */
  changed(part: Part): void;
  onRender(render: (parts: ReadonlySet<Part>) => void): void;
}

export const createPanelState = (): PanelState => {
  const dirty = new Set<Part>();
  let render: (parts: ReadonlySet<Part>) => void = () => undefined;
  let scheduled = false;
  const frame = () => {
    scheduled = false;
    const parts = new Set(dirty);
    dirty.clear();
    render(parts);
  };
  return {
    orders: new Map(),
    position: 0,
    synced: false,
    market: null,
    selected: null,
    detail: null,
    connection: 'connecting',
    changed(part) {
      dirty.add(part);
      if (!scheduled) {
        scheduled = true;
        requestAnimationFrame(frame);
      }
    },
    onRender(callback) {
      render = callback;
    },
  };
};

/** Appends what is newer than what the list ends with: a message heard twice changes nothing. */
export const appendNewer = <T>(list: T[], more: readonly T[], key: (item: T) => number): void => {
  const last = list.length === 0 ? -Infinity : key(list[list.length - 1] as T);
  for (const item of more) if (key(item) > last) list.push(item);
};
