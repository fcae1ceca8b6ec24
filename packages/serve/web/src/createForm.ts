import type { OrderChange } from '../../src/panelApi';
import { ApiRefusal, postJson } from './api';
import { h } from './dom';
import { createEntryLadder } from './entryLadder';
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
    h('option', { value: 'TRAILING' }, 'trailing (after a turn)'),
    h('option', { value: 'LADDER' }, 'ladder of entries'),
  );
  const limitPrice = numberInput('limitPrice');
  const limitField = field('entry.price', 'Limit price', limitPrice);
  // A trailing entry (SEMANTICS §8.3): buys once the price turned up from its low by the callback.
  const entryCallback = numberInput('entryCallback', { placeholder: '0.01 = 1 %' });
  const entryActivation = numberInput('entryActivation');
  const trailingEntry = h(
    'div',
    { class: 'row' },
    field('entry.callbackRate', 'Entry callback', entryCallback, 'a fraction'),
    field('entry.activationPrice', 'Entry activation', entryActivation, 'optional'),
  );
  const entryLadder = createEntryLadder();
  const showEntry = () => {
    limitField.hidden = entryType.value !== 'LIMIT';
    trailingEntry.hidden = entryType.value !== 'TRAILING';
    entryLadder.element.hidden = entryType.value !== 'LADDER';
  };
  entryType.addEventListener('change', showEntry);
  showEntry();

  // Take-profits at prices, or at offsets from the entry fill (SEMANTICS §8.1): one choice for
  // every level, as the core asks; each level may trail from its price (§8.2).
  const levelMode = h(
    'select',
    { name: 'levelMode' },
    h('option', { value: 'price' }, 'prices'),
    h('option', { value: 'offset' }, '% from the entry fill'),
  );
  const levelKey = (): 'price' | 'offsetPct' =>
    levelMode.value === 'offset' ? 'offsetPct' : 'price';
  const levels = h('div', { class: 'levels' });
  const addLevel = () => {
    const i = levels.children.length;
    const at = numberInput(`tp${i}-price`);
    const size = numberInput(`tp${i}-size`, { placeholder: 'size %' });
    const trail = numberInput(`tp${i}-trail`, { placeholder: 'trail, optional' });
    const remove = h('button', { type: 'button', class: 'link' }, '×');
    const row = h(
      'div',
      { class: 'level field' },
      h('span', { class: 'level-name' }),
      h('span', { class: 'level-at' }, at),
      h('span', { class: 'level-size' }, size),
      h('span', { class: 'level-trail' }, trail),
      remove,
    );
    remove.addEventListener('click', () => {
      row.remove();
      renumber();
    });
    levels.append(row);
    renumber();
  };
  /** Names, labels and error paths follow each level's place and the price/offset choice. */
  const renumber = () => {
    const key = levelKey();
    [...levels.children].forEach((row, i) => {
      const el = row as HTMLElement;
      const path = `takeProfits[${i}]`;
      el.dataset['path'] = path;
      const part = (cls: string) => el.querySelector<HTMLElement>(`.${cls}`);
      const name = part('level-name');
      if (name) name.textContent = `TP${i + 1}`;
      const at = part('level-at');
      if (at) at.dataset['path'] = `${path}.${key}`;
      const size = part('level-size');
      if (size) size.dataset['path'] = `${path}.sizePct`;
      const trail = part('level-trail');
      if (trail) trail.dataset['path'] = `${path}.trailing.callbackRate`;
      const [atInput, sizeInput, trailInput] = [...el.querySelectorAll('input')];
      atInput?.setAttribute(
        'aria-label',
        key === 'price' ? `TP${i + 1} price` : `TP${i + 1} offset %`,
      );
      atInput?.setAttribute('placeholder', key === 'price' ? 'price' : '% from entry');
      sizeInput?.setAttribute('aria-label', `TP${i + 1} size %`);
      trailInput?.setAttribute('aria-label', `TP${i + 1} trailing callback`);
      el.querySelector('button')?.setAttribute('aria-label', `remove TP${i + 1}`);
    });
  };
  levelMode.addEventListener('change', renumber);
  addLevel();
  addLevel();

  // The stop at a price or an offset from the entry fill, and its ladder (SEMANTICS §8.5).
  const stopMode = h(
    'select',
    { name: 'stopMode' },
    h('option', { value: 'price' }, 'price'),
    h('option', { value: 'offset' }, '% from the entry fill'),
  );
  const stopLoss = numberInput('stopLoss');
  const stopField = field('stopLoss.price', 'Stop loss', stopLoss, 'optional');
  stopMode.addEventListener('change', () => {
    stopField.dataset['path'] =
      stopMode.value === 'offset' ? 'stopLoss.offsetPct' : 'stopLoss.price';
  });
  const ladder = h(
    'select',
    { name: 'ladder' },
    h('option', { value: '' }, 'stays where it is'),
    h('option', { value: '1' }, 'ladder 1: to the level before the last filled'),
    h('option', { value: '2' }, 'ladder 2: two levels behind'),
  );
  const callbackRate = numberInput('callbackRate', { placeholder: '0.01 = 1 %' });
  const activation = numberInput('activationPrice');
  const breakEven = h('input', { type: 'checkbox', name: 'breakEven' });
  // Time limits (SEMANTICS §8.6), in milliseconds as the order records them.
  const entryTimeout = numberInput('entryTimeoutMs', { placeholder: '60000 = 1 min' });
  const positionLimit = numberInput('positionTimeLimitMs', { placeholder: '3600000 = 1 h' });
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
    trailingEntry,
    entryLadder.element,
    h(
      'fieldset',
      { class: 'field', 'data-path': 'takeProfits' },
      h('legend', {}, 'Take-profit levels (price or offset, % of the entry, trailing callback)'),
      h('label', { class: 'inline' }, 'Levels at ', levelMode),
      levels,
      h('button', { type: 'button', class: 'link', onclick: addLevel }, '+ add a level'),
    ),
    h('div', { class: 'row' }, stopField, field('stopMode', 'Stop at', stopMode)),
    field('stopLoss.ladder', 'After each take-profit, the stop', ladder, 'optional'),
    h(
      'div',
      { class: 'row' },
      field('trailing.callbackRate', 'Trailing callback', callbackRate, 'optional, a fraction'),
      field('trailing.activationPrice', 'Activation price', activation, 'optional'),
    ),
    field('breakEven', 'Break-even after the first TP fill', breakEven),
    h(
      'div',
      { class: 'row' },
      field('timeLimits.entryTimeoutMs', 'Entry timeout (ms)', entryTimeout, 'optional'),
      field(
        'timeLimits.positionTimeLimitMs',
        'Position time limit (ms)',
        positionLimit,
        'optional',
      ),
    ),
    submit,
    done,
  );

  const timeLimits = () => {
    const entryTimeoutMs = numberOf(entryTimeout);
    const positionTimeLimitMs = numberOf(positionLimit);
    return entryTimeoutMs === undefined && positionTimeLimitMs === undefined
      ? {}
      : {
          timeLimits: {
            ...(entryTimeoutMs === undefined ? {} : { entryTimeoutMs }),
            ...(positionTimeLimitMs === undefined ? {} : { positionTimeLimitMs }),
          },
        };
  };

  const entry = () =>
    entryType.value === 'LIMIT'
      ? { type: 'LIMIT', price: numberOf(limitPrice) }
      : entryType.value === 'TRAILING'
        ? {
            type: 'TRAILING',
            callbackRate: numberOf(entryCallback),
            ...(numberOf(entryActivation) === undefined
              ? {}
              : { activationPrice: numberOf(entryActivation) }),
          }
        : { type: 'MARKET' };

  const body = () => {
    const rate = numberOf(callbackRate);
    const act = numberOf(activation);
    const stop = numberOf(stopLoss);
    return {
      orderId: orderId.value.trim(),
      symbol: symbol.value.trim(),
      side: side.value,
      quantity: numberOf(quantity),
      ...(entryType.value === 'LADDER' ? { entries: entryLadder.value() } : { entry: entry() }),
      takeProfits: [...levels.querySelectorAll('.level')].map((row) => {
        const [at, size, trail] = [...row.querySelectorAll('input')] as HTMLInputElement[];
        const callback = trail ? numberOf(trail) : undefined;
        return {
          [levelKey()]: at ? numberOf(at) : undefined,
          sizePct: size ? numberOf(size) : undefined,
          ...(callback === undefined ? {} : { trailing: { callbackRate: callback } }),
        };
      }),
      ...(stop === undefined && ladder.value === ''
        ? {}
        : {
            stopLoss: {
              [stopMode.value === 'offset' ? 'offsetPct' : 'price']: stop,
              ...(ladder.value === '' ? {} : { ladder: Number(ladder.value) }),
            },
          }),
      ...(rate === undefined && act === undefined
        ? {}
        : {
            trailing: {
              callbackRate: rate,
              ...(act === undefined ? {} : { activationPrice: act }),
            },
          }),
      ...(breakEven.checked ? { breakEven: true } : {}),
      ...timeLimits(),
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
