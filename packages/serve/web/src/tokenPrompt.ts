import { token } from './api';
import { h } from './dom';

/** Shown when a change is refused for want of the server's token; the token stays in this tab. */
export const createTokenPrompt = (container: HTMLElement) => {
  const input = h('input', { type: 'password', autocomplete: 'off', 'aria-label': 'server token' });
  const form = h(
    'form',
    {},
    h('span', {}, 'This server needs its token for changes: '),
    input,
    h('button', { type: 'submit' }, 'Use token'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    token.set(input.value.trim());
    input.value = '';
    container.hidden = true;
  });
  container.append(form);
  return {
    show(): void {
      container.hidden = false;
      input.focus();
    },
  };
};
