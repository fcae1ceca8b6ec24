import type { ApiError } from '../../src/panelApi';
import { h } from './dom';

/** `takeProfits[1].price` → `takeProfits[1]` → `takeProfits`: the closest field that is on the form. */
const fieldFor = (form: HTMLElement, path: string): HTMLElement | null => {
  for (let p = path; p !== ''; p = p.replace(/(\.[^.[\]]+|\[\d+\])$/, '')) {
    const field = form.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
    if (field !== null) return field;
    if (!/[.[]/.test(p)) break;
  }
  return null;
};

export const clearErrors = (form: HTMLElement): void => {
  form.querySelectorAll('.field-error, .form-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
};

const mark = (field: HTMLElement, text: string): void => {
  const id = `error-${Math.random().toString(36).slice(2)}`;
  field.append(h('p', { class: 'field-error', id, role: 'alert' }, text));
  const input = field.querySelector('input, select');
  input?.setAttribute('aria-invalid', 'true');
  input?.setAttribute('aria-describedby', id);
};

/**
 * The API's error next to the field each issue names; an error without issues goes to
 * `fallbackPath` (the field whose change was refused), and anything left at the form's top.
 */
export const showErrors = (form: HTMLElement, error: ApiError, fallbackPath?: string): void => {
  const general: string[] = [];
  const issues =
    error.issues.length > 0 ? error.issues : [{ path: fallbackPath ?? '', rule: error.message }];
  for (const issue of issues) {
    const field = issue.path === '' ? null : fieldFor(form, issue.path);
    if (field === null)
      general.push(issue.path === '' ? issue.rule : `${issue.path}: ${issue.rule}`);
    else mark(field, issue.rule);
  }
  if (general.length > 0)
    form.prepend(h('p', { class: 'form-error', role: 'alert' }, general.join('; ')));
};
