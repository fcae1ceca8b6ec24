import type { OrderChange, OrderView } from '../../src/panelApi';
import { ApiRefusal, postJson } from './api';
import { h } from './dom';
import { clearErrors, showErrors } from './fieldErrors';
import { num } from './format';

/** Cancel asks first: it cancels every working TP and stop order (OCO), and may flatten. */
export const createCancelDialog = (
  dialog: HTMLDialogElement,
  current: (orderId: string) => OrderView | undefined,
) => {
  const form = h('form', { method: 'dialog', novalidate: true });
  dialog.append(form);
  return {
    open(orderId: string): void {
      const view = current(orderId);
      if (view === undefined) return;
      const flatten = h('input', { type: 'checkbox', name: 'flatten' });
      const confirm = h(
        'button',
        { type: 'submit', class: 'danger', value: 'confirm' },
        'Cancel order',
      );
      const keep = h('button', { type: 'button', onclick: () => dialog.close() }, 'Keep order');
      form.replaceChildren(
        h('h2', { id: 'cancel-title' }, `Cancel ${orderId}?`),
        h(
          'p',
          {},
          `Every working take-profit and stop order of this ${view.side} ${num(view.quantity)} ${view.symbol} is cancelled.`,
        ),
        h(
          'div',
          { class: 'field', 'data-path': 'flatten' },
          h(
            'label',
            { class: 'check' },
            flatten,
            h('span', {}, `Flatten: exit the open ${num(view.openQuantity)} at market`),
          ),
        ),
        h('div', { class: 'buttons' }, keep, confirm),
      );
      form.onsubmit = (e) => {
        e.preventDefault();
        clearErrors(form);
        confirm.disabled = true;
        postJson<OrderChange>(
          `orders/${encodeURIComponent(orderId)}/cancel`,
          flatten.checked ? { flatten: true } : {},
        )
          .then(() => dialog.close())
          .catch((err: unknown) => {
            if (err instanceof ApiRefusal) showErrors(form, err.error, 'flatten');
            else throw err;
          })
          .finally(() => (confirm.disabled = false));
      };
      dialog.showModal();
      keep.focus();
    },
  };
};
