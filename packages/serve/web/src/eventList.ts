import type { StoredEvent } from '../../src/panelApi';
import { h } from './dom';
import { clockTime, num } from './format';

const detailOf = (data: unknown): string => {
  if (typeof data !== 'object' || data === null) return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([key, v]) => v !== null && typeof v !== 'object' && !/clientOrderId$/i.test(key))
    .map(([key, v]) => `${key} ${typeof v === 'number' ? num(v) : String(v)}`)
    .join(' · ');
};

/** The selected order's events, newest first; only the new ones are added on each update. */
export const renderEvents = (list: HTMLOListElement, events: readonly StoredEvent[]): void => {
  const shown = Number(list.dataset['shown'] ?? '0');
  const orderId = events[0]?.orderId ?? '';
  if (list.dataset['order'] !== orderId || shown > events.length) {
    list.replaceChildren();
    list.dataset['order'] = orderId;
  }
  const from = list.children.length;
  for (const e of events.slice(from)) {
    list.prepend(
      h(
        'li',
        { 'data-type': e.type, value: e.version },
        h('time', { datetime: new Date(e.ts).toISOString() }, clockTime(e.ts)),
        h('strong', {}, e.type),
        h('span', { class: 'muted' }, detailOf(e.data)),
      ),
    );
  }
  list.dataset['shown'] = String(events.length);
};
