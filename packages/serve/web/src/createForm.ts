import type { OrderChange } from '../../src/panelApi';
import { ApiRefusal, postJson } from './api';
import { h } from './dom';
import { clearErrors, showErrors } from './fieldErrors';

const field = (path: string, label: string, input: HTMLElement, hint?: string): HTMLElement =>
  h(
    'div',
    { class: 'field', 'data-path': path },
    h('label', {}, h('span', {}, label), input),
    hint ? h('small', { class: 'muted' }, hint) : null,
  );

const numberInput = (name: string, attrs: Record<string, string> = {}) =>
  h('input', { type: 'number', name, step: 'any', inputmode: 'decimal', ...attrs });

/** A number the user typed, or undefined for an empty field: the codec then names what is missing. */
const numberOf = (input: HTMLInputElement): number | undefined =>
  input.value.trim() === '' ? undefined : Number(input.value);

const suggestId = (): string => `so-${Date.now().toString(36).slice(-6)}`;

/**
 * The create form. It sends what was typed, as typed; every rule is the core's, and each
 * error comes back next to the field it names.
 */
export const createCreateForm = (
  form: HTMLFormElement,
  options: {
    symbols: () => readonly string[];
    created: (orderId: string) => void;
  },
) => {
  const orderId = h('input', { name: 'orderId', autocomplete: 'off', value: suggestId() });
  const symbol = h('input', { name: 'symbol', list: 'symbols', autocomplete: 'off' });
  const symbols = h('datalist', { id: 'symbols' });
  const side = h(
    'select',
    { name: 'side' },
    h('option', { value: 'BUY' }, 'BUY (long)'),
    h('option', { value: 'SELL' }, 'SELL (short)'),
  );
  const quantity = numberInput('quantity', { value: '1' });
  const entryType = h(
    'select',
    { name: 'entryType' },
    h('option', { value: 'MARKET' }, 'market'),
    h('option', { value: 'LIMIT' }, 'limit'),
  );
  const limitPrice = numberInput('limitPrice');
  const limitField = field('entry.price', 'Limit price', limitPrice);
  limitField.hidden = true;
  entryType.addEventListener('change', () => (limitField.hidden = entryType.value !== 'LIMIT'));

  const levels = h('div', { class: 'levels' });
  const addLevel = () => {
    const i = levels.children.length;
    const price = numberInput(`tp${i}-price`, {
      'aria-label': `TP${i + 1} price`,
      placeholder: 'price',
    });
    const size = numberInput(`tp${i}-size`, {
      'aria-label': `TP${i + 1} size %`,
      placeholder: 'size %',
    });
    const remove = h(
      'button',
      { type: 'button', class: 'link', 'aria-label': `remove TP${i + 1}` },
      '×',
    );
    const row = h(
      'div',
      { class: 'level field', 'data-path': `takeProfits[${i}]` },
      h('span', { class: 'level-name' }, `TP${i + 1}`),
      h('span', { 'data-path': `takeProfits[${i}].price` }, price),
      h('span', { 'data-path': `takeProfits[${i}].sizePct` }, size),
      remove,
    );
    remove.addEventListener('click', () => {
      row.remove();
      renumber();
    });
    levels.append(row);
  };
  const renumber = () =>
    [...levels.children].forEach((row, i) => {
      (row as HTMLElement).dataset['path'] = `takeProfits[${i}]`;
      const [name, price, size] = [...row.children] as HTMLElement[];
      if (name) name.textContent = `TP${i + 1}`;
      if (price) price.dataset['path'] = `takeProfits[${i}].price`;
      if (size) size.dataset['path'] = `takeProfits[${i}].sizePct`;
      row.querySelectorAll('input')[0]?.setAttribute('aria-label', `TP${i + 1} price`);
      row.querySelectorAll('input')[1]?.setAttribute('aria-label', `TP${i + 1} size %`);
    });
  addLevel();
  addLevel();

  const stopLoss = numberInput('stopLoss');
  const callbackRate = numberInput('callbackRate', { placeholder: '0.01 = 1 %' });
  const activation = numberInput('activationPrice');
  const breakEven = h('input', { type: 'checkbox', name: 'breakEven' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Create order');
  const done = h('p', { class: 'muted', role: 'status' });

  form.append(
    field('orderId', 'Order id', orderId),
    field('symbol', 'Symbol', symbol),
    symbols,
    h(
      'div',
      { class: 'row' },
      field('side', 'Side', side),
      field('quantity', 'Quantity', quantity),
    ),
    h('div', { class: 'row' }, field('entry', 'Entry', entryType), limitField),
    h(
      'fieldset',
      { class: 'field', 'data-path': 'takeProfits' },
      h('legend', {}, 'Take-profit levels (price, % of the entry)'),
      levels,
      h('button', { type: 'button', class: 'link', onclick: addLevel }, '+ add a level'),
    ),
    field('stopLoss.price', 'Stop loss', stopLoss, 'optional'),
    h(
      'div',
      { class: 'row' },
      field('trailing.callbackRate', 'Trailing callback', callbackRate, 'optional, a fraction'),
      field('trailing.activationPrice', 'Activation price', activation, 'optional'),
    ),
    field('breakEven', 'Break-even after the first TP fill', breakEven),
    submit,
    done,
  );

  const body = () => {
    const rate = numberOf(callbackRate);
    const act = numberOf(activation);
    const stop = numberOf(stopLoss);
    return {
      orderId: orderId.value.trim(),
      symbol: symbol.value.trim(),
      side: side.value,
      quantity: numberOf(quantity),
      entry:
        entryType.value === 'LIMIT'
          ? { type: 'LIMIT', price: numberOf(limitPrice) }
          : { type: 'MARKET' },
      takeProfits: [...levels.querySelectorAll('.level')].map((row) => {
        const [price, size] = [...row.querySelectorAll('input')] as HTMLInputElement[];
        return {
          price: price ? numberOf(price) : undefined,
          sizePct: size ? numberOf(size) : undefined,
        };
      }),
      ...(stop === undefined ? {} : { stopLoss: { price: stop } }),
      ...(rate === undefined && act === undefined
        ? {}
        : {
            trailing: {
              callbackRate: rate,
              ...(act === undefined ? {} : { activationPrice: act }),
            },
          }),
      ...(breakEven.checked ? { breakEven: true } : {}),
    };
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearErrors(form);
    done.textContent = '';
    submit.disabled = true;
    postJson<OrderChange>('orders', body())
      .then((change) => {
        const id = change.order?.orderId ?? orderId.value;
        done.textContent = `Created ${id}.`;
        orderId.value = suggestId();
        options.created(id);
      })
      .catch((err: unknown) => {
        if (err instanceof ApiRefusal) showErrors(form, err.error);
        else throw err;
      })
      .finally(() => (submit.disabled = false));
  });

  return {
    /** Offers the market's symbols, and fills the first in while the field is empty. */
    updateSymbols(): void {
      const list = options.symbols();
      if (symbols.children.length !== list.length)
        symbols.replaceChildren(...list.map((s) => h('option', { value: s })));
      if (symbol.value === '' && list[0] !== undefined) symbol.value = list[0];
    },
  };
};
