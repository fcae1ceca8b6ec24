import type { OrderView } from '../../src/panelApi';
import { h, setText } from './dom';
import { money, num, STOP_KIND_WORDS } from './format';
import { renderTpDots } from './tpDots';

const TERMINAL = new Set(['CLOSED', 'STOPPED', 'CANCELLED']);

export const isLive = (view: OrderView): boolean => !TERMINAL.has(view.status);

export interface OrderActions {
  select(orderId: string): void;
  modify(orderId: string): void;
  cancel(orderId: string): void;
}

interface Row {
  readonly tr: HTMLTableRowElement;
  readonly cells: Record<
    'id' | 'symbol' | 'side' | 'status' | 'tp' | 'stop' | 'mark' | 'pnl',
    HTMLTableCellElement
  >;
  readonly modify: HTMLButtonElement;
  readonly cancel: HTMLButtonElement;
}

const stopText = (v: OrderView): string =>
  (v.effectiveStop === null
    ? '—'
    : `${num(v.effectiveStop.price)} (${STOP_KIND_WORDS[v.effectiveStop.kind]})`) +
  (v.stopLadder === null || !isLive(v) ? '' : ` · ladder ${v.stopLadder}`);

/** The status, with what of the entry has filled while its rest may still fill (SEMANTICS §9.4). */
const statusText = (v: OrderView): string =>
  v.entryWorking && v.entryFilledQuantity > 0 && v.entryFilledQuantity < v.quantity
    ? `${v.status} (entry ${num(v.entryFilledQuantity)}/${num(v.quantity)})`
    : v.status;

/** The trailing stop's mark; while a trailing entry waits, its low (high) and the price that enters. */
const markText = (v: OrderView): string =>
  v.status === 'PENDING' && v.entryTrail?.armed === true && !v.entryTrail.triggered
    ? `entry ${num(v.entryTrail.mark)} → ${num(v.entryTrail.triggerPrice)}`
    : v.trailing === null
      ? '—'
      : v.trailing.armed && v.trailing.mark !== null
        ? num(v.trailing.mark)
        : 'not armed';

/**
 * The orders, one row each, kept by order id and updated cell by cell: a row never is
 * replaced under the pointer, so a click lands even while its order moves every tick.
 */
export const createOrdersTable = (
  tbody: HTMLTableSectionElement,
  empty: HTMLElement,
  actions: OrderActions,
) => {
  const rows = new Map<string, Row>();

  const rowFor = (orderId: string): Row => {
    const known = rows.get(orderId);
    if (known !== undefined) return known;
    const cell = (cls = '') => h('td', cls === '' ? {} : { class: cls });
    const cells = {
      id: cell('id'),
      symbol: cell(),
      side: cell(),
      status: cell('status'),
      tp: cell('tp'),
      stop: cell('stop'),
      mark: cell('num mark'),
      pnl: cell('num'),
    };
    const stop = (e: Event) => e.stopPropagation();
    const modify = h(
      'button',
      { type: 'button', onclick: (e) => (stop(e), actions.modify(orderId)) },
      'Modify',
    );
    const cancel = h(
      'button',
      { type: 'button', class: 'danger', onclick: (e) => (stop(e), actions.cancel(orderId)) },
      'Cancel',
    );
    const tr = h('tr', {
      'data-order': orderId,
      tabindex: 0,
      onclick: () => actions.select(orderId),
      onkeydown: (e) => {
        if ((e as KeyboardEvent).key === 'Enter') actions.select(orderId);
      },
    });
    tr.append(...Object.values(cells), h('td', { class: 'actions' }, modify, cancel));
    const row = { tr, cells, modify, cancel };
    rows.set(orderId, row);
    tbody.append(tr);
    return row;
  };

  return {
    render(orders: ReadonlyMap<string, OrderView>, selected: string | null): void {
      for (const view of orders.values()) {
        const { tr, cells, modify, cancel } = rowFor(view.orderId);
        setText(cells.id, view.orderId);
        setText(cells.symbol, view.symbol);
        setText(cells.side, view.side);
        cells.side.className = view.side === 'BUY' ? 'buy' : 'sell';
        setText(cells.status, statusText(view));
        cells.status.dataset['status'] = view.status;
        renderTpDots(cells.tp, view);
        setText(cells.stop, stopText(view));
        setText(cells.mark, markText(view));
        setText(cells.pnl, money(view.realisedPnl));
        cells.pnl.className = `num ${view.realisedPnl > 0 ? 'gain' : view.realisedPnl < 0 ? 'loss' : ''}`;
        modify.disabled = !isLive(view);
        cancel.disabled = !isLive(view);
        tr.classList.toggle('selected', view.orderId === selected);
        tr.setAttribute('aria-selected', String(view.orderId === selected));
      }
      empty.hidden = orders.size > 0;
    },
  };
};
