import { h } from './dom';

/** A number the user typed, or undefined for an empty field: the codec then names what is missing. */
const numberOf = (input: HTMLInputElement): number | undefined =>
  input.value.trim() === '' ? undefined : Number(input.value);

/**
 * The entry ladder of the create form (SEMANTICS §8.4): rows of a limit price (or, first only,
 * a market level) and a share of the quantity. Each row carries the error path of its level
 * (`entries[1].price`), so the core's rule comes back next to the value it names.
 */
export const createEntryLadder = () => {
  const rows = h('div', { class: 'entries' });
  const renumber = () =>
    [...rows.children].forEach((row, i) => {
      const el = row as HTMLElement;
      el.dataset['path'] = `entries[${i}]`;
      const [name, kind, price, size, remove] = [...el.children] as HTMLElement[];
      if (name) name.textContent = `E${i + 1}`;
      kind?.querySelector('select')?.setAttribute('aria-label', `Entry ${i + 1} type`);
      if (price) price.dataset['path'] = `entries[${i}].price`;
      price?.querySelector('input')?.setAttribute('aria-label', `Entry ${i + 1} price`);
      if (size) size.dataset['path'] = `entries[${i}].sizePct`;
      size?.querySelector('input')?.setAttribute('aria-label', `Entry ${i + 1} size %`);
      remove?.setAttribute('aria-label', `remove entry ${i + 1}`);
    });
  const add = () => {
    const kind = h(
      'select',
      { name: 'entryKind' },
      h('option', { value: 'LIMIT' }, 'limit'),
      h('option', { value: 'MARKET' }, 'market'),
    );
    const price = h('input', { type: 'number', step: 'any', placeholder: 'price' });
    kind.addEventListener('change', () => (price.disabled = kind.value === 'MARKET'));
    const remove = h('button', { type: 'button', class: 'link' }, '×');
    const row = h(
      'div',
      { class: 'level entry-level field' },
      h('span', { class: 'level-name' }),
      h('span', {}, kind),
      h('span', {}, price),
      h('span', {}, h('input', { type: 'number', step: 'any', placeholder: 'size %' })),
      remove,
    );
    remove.addEventListener('click', () => {
      row.remove();
      renumber();
    });
    rows.append(row);
    renumber();
  };
  add();
  add();
  const element = h(
    'fieldset',
    { class: 'field', 'data-path': 'entries' },
    h('legend', {}, 'Entry ladder (market first, then limits; % of the quantity)'),
    rows,
    h('button', { type: 'button', class: 'link', onclick: add }, '+ add an entry'),
  );
  return {
    element,
    /** The levels as typed: `{ type: "MARKET", sizePct }` or `{ price, sizePct }`. */
    value: () =>
      [...rows.children].map((row) => {
        const kind = row.querySelector('select')?.value;
        const [price, size] = [...row.querySelectorAll('input')];
        const sizePct = size === undefined ? undefined : numberOf(size);
        return kind === 'MARKET'
          ? { type: 'MARKET', sizePct }
          : { price: price === undefined ? undefined : numberOf(price), sizePct };
      }),
  };
};
