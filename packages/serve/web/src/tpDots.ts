import type { OrderView } from '../../src/panelApi';
import { h, setText } from './dom';
import { num } from './format';

const WORDS = {
  PENDING: 'pending',
  TRIGGERED: 'triggered',
  FILLED: 'filled',
  CANCELLED: 'cancelled',
} as const;

/**
 * Each TP level as a coloured dot (grey pending, yellow triggered, green filled, red
 * cancelled, SEMANTICS §2) and the progress `filled/total`; redrawn only when a level moves.
 */
export const renderTpDots = (cell: HTMLElement, view: OrderView): void => {
  const signature = `${view.progress}|${view.takeProfits.map((l) => l.status).join(',')}`;
  if (cell.dataset['signature'] === signature) return;
  cell.dataset['signature'] = signature;
  const dots = view.takeProfits.map((l) =>
    h('span', {
      class: `dot ${l.status.toLowerCase()}`,
      'data-status': l.status,
      role: 'img',
      title: `TP${l.level} at ${num(l.price)} (${num(l.sizePct)} %): ${WORDS[l.status]}`,
      'aria-label': `TP${l.level} ${WORDS[l.status]}`,
    }),
  );
  const progress = h('span', { class: 'progress' });
  setText(progress, view.progress);
  cell.replaceChildren(h('span', { class: 'dots' }, ...dots), progress);
};
