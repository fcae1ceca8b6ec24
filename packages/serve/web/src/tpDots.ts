import type { OrderView } from '../../src/panelApi';
import { h, setText } from './dom';
import { num } from './format';

const WORDS = {
  PENDING: 'pending',
  TRIGGERED: 'triggered',
  FILLED: 'filled',
  CANCELLED: 'cancelled',
} as const;

const ENTRY_WORDS = { WORKING: 'working', FILLED: 'filled', CANCELLED: 'cancelled' } as const;

/**
 * Each TP level as a coloured dot (grey pending, yellow triggered, green filled, red
 * cancelled, SEMANTICS §2) and the progress `filled/total`; redrawn only when a level moves.
 */
export const renderTpDots = (cell: HTMLElement, view: OrderView): void => {
  const signature = `${view.progress}|${(view.entries ?? []).map((e) => e.status).join(',')}|${view.takeProfits
    .map((l) => `${l.status}:${l.price}:${l.trailing?.stopPrice ?? ''}`)
    .join(',')}`;
  if (cell.dataset['signature'] === signature) return;
  cell.dataset['signature'] = signature;
  const dots = view.takeProfits.map((l) =>
    h('span', {
      class: `dot ${l.status.toLowerCase()}${armed(l) ? ' trailing' : ''}`,
      'data-status': l.status,
      ...(armed(l) ? { 'data-trail': 'armed' } : {}),
      role: 'img',
      title: `TP${l.level} at ${where(l)} (${num(l.sizePct)} %)${trailWords(l)}: ${WORDS[l.status]}`,
      'aria-label': `TP${l.level} ${WORDS[l.status]}`,
    }),
  );
  const progress = h('span', { class: 'progress' });
  setText(progress, view.progress);
  // The trail marks of armed trailing levels (SEMANTICS §8.2), where the eye reads the levels.
  const trails = view.takeProfits
    .filter((l) => l.status === 'PENDING' && armed(l))
    .map((l) => `TP${l.level} mark ${num(l.trailing?.mark)} → ${num(l.trailing?.stopPrice)}`);
  // An entry ladder's levels (SEMANTICS §8.4) as squares before the take-profits' dots.
  const entries = (view.entries ?? []).map((e) =>
    h('span', {
      class: `dot entry ${e.status.toLowerCase()}`,
      'data-entry-status': e.status,
      role: 'img',
      title: `entry ${e.level} ${e.price === null ? 'at market' : `at ${num(e.price)}`} for ${num(e.quantity)}: ${ENTRY_WORDS[e.status]}`,
      'aria-label': `entry ${e.level} ${ENTRY_WORDS[e.status]}`,
    }),
  );
  cell.replaceChildren(h('span', { class: 'dots' }, ...entries, ...dots), progress);
  if (trails.length > 0) cell.append(h('small', { class: 'trails' }, trails.join(' · ')));
};

type Level = OrderView['takeProfits'][number];

const armed = (l: Level): boolean => l.trailing?.armed === true;

/** A level's price, or before the entry fills, its offset from it (SEMANTICS §8.1). */
const where = (l: Level): string =>
  l.price === null ? `${num(l.offsetPct)} % from the entry` : num(l.price);

const trailWords = (l: Level): string =>
  l.trailing === null
    ? ''
    : `, trailing ${num(l.trailing.callbackRate * 100)} %${
        l.trailing.armed
          ? ` (mark ${num(l.trailing.mark)}, trail stop ${num(l.trailing.stopPrice)})`
          : ''
      }`;
