import type { OrderChange, OrderView } from '../../src/panelApi';
import { ApiRefusal, postJson } from './api';
import { h } from './dom';
import { clearErrors, showErrors } from './fieldErrors';
import { num } from './format';

interface Change {
  readonly route: 'stop-loss' | 'trailing' | 'break-even';
  /** The field the command's errors belong to: its issues' path, as the core names it. */
  readonly path: 'price' | 'callbackRate' | 'enabled';
  readonly body: Record<string, unknown>;
}

const numberOf = (input: HTMLInputElement): number | undefined =>
  input.value.trim() === '' ? undefined : Number(input.value);

/**
 * The modify dialog: stop price, trailing callback, break-even. Each changed field is sent as
 * its own command, in that order; a refused one shows its error next to its field and keeps
 * the dialog open, with the ones before it applied.
 */
export const createModifyDialog = (
  dialog: HTMLDialogElement,
  current: (orderId: string) => OrderView | undefined,
) => {
  const form = h('form', { method: 'dialog', novalidate: true });
  dialog.append(form);

  return {
    open(orderId: string): void {
      const view = current(orderId);
      if (view === undefined) return;
      const stop = h('input', {
        type: 'number',
        step: 'any',
        name: 'price',
        value: view.stopLoss ?? '',
      });
      const rate = h('input', {
        type: 'number',
        step: 'any',
        name: 'callbackRate',
        value: view.trailing?.callbackRate ?? '',
        placeholder: '0.01 = 1 %',
      });
      const breakEven = h('input', { type: 'checkbox', name: 'enabled' });
      breakEven.checked = view.breakEven;
      const save = h('button', { type: 'submit', class: 'primary', value: 'save' }, 'Save');
      const close = h('button', { type: 'button', onclick: () => dialog.close() }, 'Close');
      const stopNow = view.effectiveStop === null ? 'none' : `${num(view.effectiveStop.price)}`;
      form.replaceChildren(
        h('h2', { id: 'modify-title' }, `Modify ${orderId}`),
        h(
          'p',
          { class: 'muted' },
          `${view.side} ${num(view.quantity)} ${view.symbol} · ${view.status} · effective stop ${stopNow}`,
        ),
        h(
          'div',
          { class: 'field', 'data-path': 'price' },
          h('label', {}, h('span', {}, 'Stop price'), stop),
        ),
        h(
          'div',
          { class: 'field', 'data-path': 'callbackRate' },
          h('label', {}, h('span', {}, 'Trailing callback'), rate),
        ),
        h(
          'div',
          { class: 'field', 'data-path': 'enabled' },
          h('label', { class: 'check' }, breakEven, h('span', {}, 'Break-even')),
        ),
        h('div', { class: 'buttons' }, close, save),
      );
      form.onsubmit = (e) => {
        e.preventDefault();
        clearErrors(form);
        const changes: Change[] = [];
        const price = numberOf(stop);
        if (stop.value.trim() !== String(view.stopLoss ?? ''))
          changes.push({ route: 'stop-loss', path: 'price', body: { price: price ?? null } });
        const callback = numberOf(rate);
        if (rate.value.trim() !== String(view.trailing?.callbackRate ?? ''))
          changes.push({
            route: 'trailing',
            path: 'callbackRate',
            body: { callbackRate: callback ?? null },
          });
        if (breakEven.checked !== view.breakEven)
          changes.push({
            route: 'break-even',
            path: 'enabled',
            body: { enabled: breakEven.checked },
          });
        save.disabled = true;
        void (async () => {
          try {
            for (const change of changes)
              await postJson<OrderChange>(
                `orders/${encodeURIComponent(orderId)}/${change.route}`,
                change.body,
              ).catch((err: unknown) => {
                if (err instanceof ApiRefusal) showErrors(form, err.error, change.path);
                throw err;
              });
            dialog.close();
          } catch (err) {
            if (!(err instanceof ApiRefusal)) throw err;
          } finally {
            save.disabled = false;
          }
        })();
      };
      dialog.showModal();
      stop.focus();
    },
  };
};
